package org.garnet.api.jobs;

import java.util.List;

/** An opcode inside a job, with its status, result, log and timestamps (null until reached). */
public record QueuedOpCode(OpCode input, OpStatus status, Object result, List<LogEntry> log, int priority,
                           Timestamp startTimestamp, Timestamp execTimestamp, Timestamp endTimestamp) {
    public QueuedOpCode {
        log = List.copyOf(log);
    }
}
