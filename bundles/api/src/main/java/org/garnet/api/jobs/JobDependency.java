package org.garnet.api.jobs;

import java.util.List;

/**
 * One entry of an opcode's {@code depends}: a job id (negative = relative to this job within one submission)
 * and the final statuses the dependency may end in (empty = any).
 */
public record JobDependency(long jobId, List<JobStatus> allowed) {
    public JobDependency {
        allowed = List.copyOf(allowed);
    }
}
