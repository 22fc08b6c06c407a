package org.garnet.api.jobs;

import java.util.List;

/** What changed in a watched job: its current state and the log entries newer than the caller knew. */
public record JobChange(Job job, List<LogEntry> newLog) {
    public JobChange {
        newLog = List.copyOf(newLog);
    }
}
