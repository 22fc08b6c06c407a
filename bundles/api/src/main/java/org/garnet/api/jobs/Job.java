package org.garnet.api.jobs;

import java.util.List;

/** A job: an ordered list of opcodes, with Ganeti's timestamps; its status derives from the opcodes. */
public record Job(long id, List<QueuedOpCode> ops, Timestamp receivedTimestamp, Timestamp startTimestamp,
                  Timestamp endTimestamp, boolean archived) {
    public Job {
        ops = List.copyOf(ops);
    }

    public JobStatus status() {
        return JobStatus.of(ops.stream().map(QueuedOpCode::status).toList());
    }

    /** Ganeti: the minimum priority of the non-finalized opcodes, or normal if none. */
    public int priority() {
        return ops.stream().filter(o -> !o.status().isFinalized()).mapToInt(QueuedOpCode::priority).min()
                .orElse(OpCode.PRIORITY_NORMAL);
    }
}
