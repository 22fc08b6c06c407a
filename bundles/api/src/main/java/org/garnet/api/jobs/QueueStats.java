package org.garnet.api.jobs;

/** Scheduler counters: jobs queued (incl. waiting for dependencies), running, and the current limit. */
public record QueueStats(int queued, int running, int maxRunningJobs, long lastJobId) {
}
