package org.garnet.api.lu;

import java.util.List;
import java.util.Map;
import org.garnet.api.jobs.OpCode;

/**
 * An opcode result that submits more jobs (Ganeti's {@code ResultWithJobs}): the queue submits {@code jobs}
 * (each a list of opcodes, inheriting the parent's reason trail) and stores as result {@code other} plus
 * {@code "jobs": [[true, id], ...]}.
 */
public record ResultWithJobs(List<List<OpCode>> jobs, Map<String, Object> other) {
    public ResultWithJobs {
        jobs = List.copyOf(jobs);
        other = Map.copyOf(other);
    }
}
