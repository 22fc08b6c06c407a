package org.garnet.api.lu;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.garnet.api.locks.LockLevel;

/**
 * The locks a logical unit asks for, per level (Ganeti's {@code needed_locks}, {@code share_locks},
 * {@code opportunistic_locks}), and, once taken, what it holds ({@link #held}). {@link #ALL} means every lock
 * of the level. The unit may {@link #release} locks it no longer needs.
 */
public final class LockPlan {
    /** Every lock of a level (Ganeti's {@code ALL_SET}). */
    public static final Set<String> ALL = Set.of("*all*");

    /** A request at one level. */
    public record Request(Set<String> names, boolean shared, boolean opportunistic, int minimum) {
        public boolean all() {
            return names == ALL;
        }
    }

    private final Map<LockLevel, Request> wanted = new EnumMap<>(LockLevel.class);
    private final Map<LockLevel, Set<String>> held = new EnumMap<>(LockLevel.class);
    private boolean exclusiveCluster;
    private Releaser releaser = (level, names) -> { };

    /** Needs {@code names} at {@code level}, exclusively unless {@code shared}. */
    public LockPlan need(LockLevel level, Set<String> names, boolean shared) {
        wanted.put(level, new Request(names == ALL ? ALL : Set.copyOf(names), shared, false, 0));
        return this;
    }

    /** Takes whatever of {@code names} is free, waiting only until at least {@code minimum} are held. */
    public LockPlan opportunistic(LockLevel level, Set<String> names, boolean shared, int minimum) {
        wanted.put(level, new Request(names == ALL ? ALL : Set.copyOf(names), shared, true, minimum));
        return this;
    }

    /** Ganeti's {@code REQ_BGL}: the cluster lock exclusively (nothing else runs meanwhile). */
    public LockPlan exclusiveCluster() {
        exclusiveCluster = true;
        return this;
    }

    public boolean isExclusiveCluster() {
        return exclusiveCluster;
    }

    public Request wanted(LockLevel level) {
        return wanted.get(level);
    }

    /** Names held at {@code level} (sorted; empty when none). */
    public Set<String> held(LockLevel level) {
        return held.getOrDefault(level, Set.of());
    }

    /** Releases some held locks of a level early (Ganeti's {@code ReleaseLocks}). */
    public void release(LockLevel level, Set<String> names) {
        Set<String> mine = held.get(level);
        if (mine != null) {
            releaser.release(level, names);
            mine.removeAll(names);
        }
    }

    /** For the queue: records what was taken at a level. */
    public void recordHeld(LockLevel level, Set<String> names) {
        held.put(level, new TreeSet<>(names));
    }

    /** For the queue: how {@link #release} reaches the lock manager. */
    public void releaser(Releaser releaser) {
        this.releaser = releaser;
    }

    /** Releases locks in the lock manager on the unit's behalf. */
    @FunctionalInterface
    public interface Releaser {
        void release(LockLevel level, Set<String> names);
    }
}
