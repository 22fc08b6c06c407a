package org.garnet.consensus.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificate digests admitted to the Raft port: those the node's facts list now, and for {@code grace}
 * those they listed before. A candidate that is being demoted or removed must still be heard while the leader
 * takes it out of the group (that change is committed with its vote); after the grace it is refused.
 */
final class AdmittedDigests {
    private final Duration grace;
    private volatile Set<String> current = Set.of();
    /** Digests no longer listed, with when they stopped being listed (System.nanoTime). */
    private final Map<String, Long> dropped = new ConcurrentHashMap<>();

    AdmittedDigests(Duration grace) {
        this.grace = grace;
    }

    /** The digests the facts list now. */
    synchronized void see(Set<String> digests) {
        long now = System.nanoTime();
        for (String d : current) {
            if (!digests.contains(d)) {
                dropped.putIfAbsent(d, now);
            }
        }
        digests.forEach(dropped::remove);
        current = Set.copyOf(digests);
    }

    boolean admits(String digest) {
        if (current.contains(digest)) {
            return true;
        }
        Long since = dropped.get(digest);
        return since != null && System.nanoTime() - since < grace.toNanos();
    }
}
