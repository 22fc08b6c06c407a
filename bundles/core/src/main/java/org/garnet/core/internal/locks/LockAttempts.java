package org.garnet.core.internal.locks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ganeti's lock attempt timeouts ({@code _CalculateLockAttemptTimeouts}): the first attempt waits 5 s, each next
 * one {@code min(75, (prev * 1.05) ^ 1.25)} s, until the attempts add up to 1,800 s; after each timed-out attempt
 * the request's priority rises by one (towards −20); after the last one the request waits without limit.
 */
public final class LockAttempts {
    public static final int HIGHEST_PRIORITY = -20;
    private static final double TOTAL_SECONDS = 10 * 3600.0 / 20;

    private final List<Double> seconds;

    private LockAttempts(List<Double> seconds) {
        this.seconds = List.copyOf(seconds);
    }

    /** Ganeti's schedule. */
    public static LockAttempts ganeti() {
        return scaled(1.0);
    }

    /** Ganeti's schedule with every timeout multiplied by {@code factor} (tests use a small one). */
    public static LockAttempts scaled(double factor) {
        List<Double> out = new ArrayList<>();
        double t = 5.0;
        double sum = 0;
        while (sum < TOTAL_SECONDS) {
            out.add(t * factor);
            sum += t;
            t = Math.min(75.0, Math.pow(t * 1.05, 1.25));
        }
        return new LockAttempts(out);
    }

    public int count() {
        return seconds.size();
    }

    /** True when the timeout of attempt {@code n} (1-based count of timeouts so far) raises the priority. */
    boolean escalates(int timedOut) {
        return timedOut <= seconds.size();
    }

    /** The wait of attempt {@code n} (0-based); without limit once the schedule is exhausted. */
    public long timeoutNanos(int n) {
        if (n >= seconds.size()) {
            return TimeUnit.DAYS.toNanos(3650);
        }
        return (long) (seconds.get(n) * 1e9);
    }
}
