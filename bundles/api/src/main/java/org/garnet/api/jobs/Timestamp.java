package org.garnet.api.jobs;

import java.time.Instant;

/** Ganeti's timestamp: {@code [seconds, microseconds]} since the epoch. */
public record Timestamp(long seconds, long micros) {
    public static Timestamp now() {
        Instant now = Instant.now();
        return new Timestamp(now.getEpochSecond(), now.getNano() / 1000L);
    }
}
