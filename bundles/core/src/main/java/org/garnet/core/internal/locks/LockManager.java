package org.garnet.core.internal.locks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.garnet.api.ErrorClass;
import org.garnet.api.GanetiException;
import org.garnet.api.locks.LockInfo;
import org.garnet.api.locks.LockLevel;

/**
 * Ganeti's lock manager: named locks in levels, shared or exclusive. An owner takes each level at most once and
 * only above the levels it already holds (Ganeti's global order, which makes deadlock impossible); the names of
 * one level are granted together or not at all. Each level has a set lock ({@code level/[lockset]}): holding an
 * element holds it shared, asking for the whole level ({@link #acquire} with {@code all}) holds it in the asked
 * mode, so "all nodes, exclusive" also keeps new nodes out.
 *
 * <p>Fairness: waiters are served by priority (lower first, Ganeti's −20..19) then arrival; a waiter does not
 * overtake an earlier one whose request conflicts with its own. Opportunistic requests never queue: they take
 * what is free. Only lock bookkeeping runs under the manager's monitor; no caller code does.
 */
public final class LockManager {
    /** Name of the per-level set lock. */
    public static final String SET_LOCK = "[lockset]";

    private final ReentrantLock mutex = new ReentrantLock();
    private final Condition changed = mutex.newCondition();
    private final Map<String, Holders> locks = new HashMap<>();
    private final Map<String, EnumMap<LockLevel, Set<String>>> owners = new HashMap<>();
    private final TreeSet<Waiter> waiters = new TreeSet<>(
            Comparator.comparingInt((Waiter w) -> w.priority).thenComparingLong(w -> w.seq));
    private final AtomicLong sequence = new AtomicLong();

    private static final class Holders {
        String exclusive;
        final Set<String> shared = new LinkedHashSet<>();

        boolean free() {
            return exclusive == null && shared.isEmpty();
        }

        boolean grantable(String owner, boolean wantShared) {
            if (wantShared) {
                return exclusive == null || exclusive.equals(owner);
            }
            return (exclusive == null || exclusive.equals(owner))
                    && (shared.isEmpty() || shared.size() == 1 && shared.contains(owner));
        }
    }

    private static final class Waiter {
        final String owner;
        final Map<String, Boolean> names;
        final long seq;
        int priority;

        Waiter(String owner, Map<String, Boolean> names, int priority, long seq) {
            this.owner = owner;
            this.names = names;
            this.priority = priority;
            this.seq = seq;
        }

        boolean conflictsWith(Map<String, Boolean> other) {
            for (Map.Entry<String, Boolean> e : other.entrySet()) {
                Boolean mine = names.get(e.getKey());
                if (mine != null && !(mine && e.getValue())) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Acquires {@code names} at {@code level} for {@code owner} (the whole level when {@code all}), waiting as
     * long as {@code timeout} allows. Priority grows by one step (towards −20) at each of the
     * {@code attempts}' timeouts, as Ganeti does when lock attempts time out; once the attempts are exhausted
     * the request waits without limit. Returns false when {@code cancelled} became true.
     *
     * @throws GanetiException {@code LockError} when the order rule is broken
     */
    public boolean acquire(String owner, LockLevel level, Set<String> names, boolean all, boolean shared,
                           int priority, LockAttempts attempts, BooleanSupplier cancelled)
            throws InterruptedException {
        Map<String, Boolean> wanted = request(level, names, all, shared);
        mutex.lock();
        try {
            checkOrder(owner, level);
            Waiter me = new Waiter(owner, wanted, priority, sequence.incrementAndGet());
            waiters.add(me);
            try {
                int attempt = 0;
                long deadline = System.nanoTime() + attempts.timeoutNanos(0);
                while (true) {
                    if (cancelled.getAsBoolean()) {
                        return false;
                    }
                    if (grantable(me)) {
                        grant(owner, level, names, wanted);
                        return true;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        attempt++;
                        if (attempts.escalates(attempt)) {
                            waiters.remove(me);
                            me.priority = Math.max(LockAttempts.HIGHEST_PRIORITY, me.priority - 1);
                            waiters.add(me);
                        }
                        deadline = System.nanoTime() + attempts.timeoutNanos(attempt);
                        continue;
                    }
                    changed.awaitNanos(left);
                }
            } finally {
                waiters.remove(me);
                changed.signalAll();
            }
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Takes whichever of {@code names} are free now (Ganeti's opportunistic locking), waiting until at least
     * {@code minimum} could be taken or {@code timeoutNanos} passed; returns the names taken (possibly fewer
     * than the minimum when the time ran out, or none when cancelled).
     */
    public Set<String> acquireOpportunistic(String owner, LockLevel level, Set<String> names, boolean shared,
                                            int minimum, long timeoutNanos, BooleanSupplier cancelled)
            throws InterruptedException {
        mutex.lock();
        try {
            checkOrder(owner, level);
            long deadline = System.nanoTime() + timeoutNanos;
            while (true) {
                if (cancelled.getAsBoolean()) {
                    return Set.of();
                }
                Set<String> free = new TreeSet<>();
                String setLock = key(level, SET_LOCK);
                if (holders(setLock).grantable(owner, true) && !blockedByWaiter(setLock, true)) {
                    for (String n : names) {
                        String k = key(level, n);
                        if (holders(k).grantable(owner, shared) && !blockedByWaiter(k, shared)) {
                            free.add(n);
                        }
                    }
                }
                long left = deadline - System.nanoTime();
                if (free.size() >= Math.min(minimum, names.size()) || left <= 0) {
                    if (!free.isEmpty()) {
                        grant(owner, level, free, request(level, free, false, shared));
                    }
                    return free;
                }
                changed.awaitNanos(left);
            }
        } finally {
            mutex.unlock();
        }
    }

    /** Releases some locks of a level. */
    public void release(String owner, LockLevel level, Set<String> names) {
        mutex.lock();
        try {
            EnumMap<LockLevel, Set<String>> mine = owners.get(owner);
            Set<String> held = mine == null ? null : mine.get(level);
            if (held == null) {
                return;
            }
            for (String n : names) {
                if (held.remove(n)) {
                    drop(owner, key(level, n));
                }
            }
            if (held.isEmpty() || held.equals(Set.of(SET_LOCK))) {
                held.forEach(n -> drop(owner, key(level, n)));
                mine.remove(level);
            }
            if (mine.isEmpty()) {
                owners.remove(owner);
            }
            changed.signalAll();
        } finally {
            mutex.unlock();
        }
    }

    /** Releases everything {@code owner} holds. */
    public void releaseAll(String owner) {
        mutex.lock();
        try {
            EnumMap<LockLevel, Set<String>> mine = owners.remove(owner);
            if (mine != null) {
                mine.forEach((level, held) -> held.forEach(n -> drop(owner, key(level, n))));
                changed.signalAll();
            }
        } finally {
            mutex.unlock();
        }
    }

    /** Waits (at most {@code nanos}) until some lock is released. */
    public void awaitRelease(long nanos) throws InterruptedException {
        mutex.lock();
        try {
            changed.awaitNanos(nanos);
        } finally {
            mutex.unlock();
        }
    }

    /** Wakes every waiter so it re-checks its cancellation flag. */
    public void wakeAll() {
        mutex.lock();
        try {
            changed.signalAll();
        } finally {
            mutex.unlock();
        }
    }

    /** What {@code owner} holds at {@code level} (without the set lock). */
    public Set<String> held(String owner, LockLevel level) {
        mutex.lock();
        try {
            EnumMap<LockLevel, Set<String>> mine = owners.get(owner);
            Set<String> held = mine == null ? null : mine.get(level);
            Set<String> out = new TreeSet<>(held == null ? Set.of() : held);
            out.remove(SET_LOCK);
            return out;
        } finally {
            mutex.unlock();
        }
    }

    /** Every lock that is held or wanted, by name, as {@code gnt-debug locks} shows them. */
    public List<LockInfo> snapshot() {
        mutex.lock();
        try {
            Map<String, List<String>> pending = new TreeMap<>();
            for (Waiter w : waiters) {
                w.names.forEach((name, sh) -> pending.computeIfAbsent(name, k -> new ArrayList<>())
                        .add((sh ? "shared:" : "exclusive:") + w.owner));
            }
            Set<String> names = new TreeSet<>(locks.keySet());
            names.addAll(pending.keySet());
            List<LockInfo> out = new ArrayList<>();
            for (String name : names) {
                Holders h = locks.get(name);
                String mode = null;
                List<String> who = List.of();
                if (h != null && h.exclusive != null) {
                    mode = "exclusive";
                    who = List.of(h.exclusive);
                } else if (h != null && !h.shared.isEmpty()) {
                    mode = "shared";
                    who = new ArrayList<>(new TreeSet<>(h.shared));
                }
                out.add(new LockInfo(name, mode, who, pending.getOrDefault(name, List.of())));
            }
            return out;
        } finally {
            mutex.unlock();
        }
    }

    private static Map<String, Boolean> request(LockLevel level, Set<String> names, boolean all, boolean shared) {
        Map<String, Boolean> wanted = new TreeMap<>();
        wanted.put(key(level, SET_LOCK), !all || shared);
        for (String n : new TreeSet<>(names)) {
            wanted.put(key(level, n), shared);
        }
        return wanted;
    }

    private void checkOrder(String owner, LockLevel level) {
        EnumMap<LockLevel, Set<String>> mine = owners.get(owner);
        if (mine != null && !mine.isEmpty()) {
            LockLevel highest = java.util.Collections.max(mine.keySet());
            if (highest.compareTo(level) >= 0) {
                throw new GanetiException(ErrorClass.LockError, "Cannot acquire locks at level '" + level.wireName()
                        + "' while holding locks at level '" + highest.wireName() + "'", null);
            }
        }
    }

    private boolean grantable(Waiter me) {
        for (Map.Entry<String, Boolean> e : me.names.entrySet()) {
            if (!holders(e.getKey()).grantable(me.owner, e.getValue())) {
                return false;
            }
        }
        for (Waiter earlier : waiters.headSet(me, false)) {
            if (!earlier.owner.equals(me.owner) && earlier.conflictsWith(me.names)) {
                return false;
            }
        }
        return true;
    }

    private boolean blockedByWaiter(String name, boolean shared) {
        for (Waiter w : waiters) {
            Boolean mode = w.names.get(name);
            if (mode != null && !(mode && shared)) {
                return true;
            }
        }
        return false;
    }

    private void grant(String owner, LockLevel level, Set<String> names, Map<String, Boolean> wanted) {
        wanted.forEach((name, shared) -> {
            Holders h = locks.computeIfAbsent(name, k -> new Holders());
            if (shared) {
                h.shared.add(owner);
            } else {
                h.shared.remove(owner);
                h.exclusive = owner;
            }
        });
        Set<String> held = owners.computeIfAbsent(owner, k -> new EnumMap<>(LockLevel.class))
                .computeIfAbsent(level, k -> new TreeSet<>());
        held.add(SET_LOCK);
        held.addAll(names);
    }

    private void drop(String owner, String name) {
        Holders h = locks.get(name);
        if (h == null) {
            return;
        }
        if (owner.equals(h.exclusive)) {
            h.exclusive = null;
        }
        h.shared.remove(owner);
        if (h.free()) {
            locks.remove(name);
        }
    }

    private Holders holders(String name) {
        Holders h = locks.get(name);
        return h == null ? EMPTY : h;
    }

    private static final Holders EMPTY = new Holders();

    static String key(LockLevel level, String name) {
        return level.wireName() + "/" + name;
    }

    /** For tests: waits (bounded) until some request is pending on {@code name}. */
    boolean awaitPending(String name, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        mutex.lock();
        try {
            while (waiters.stream().noneMatch(w -> w.names.containsKey(name))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
            }
            return true;
        } finally {
            mutex.unlock();
        }
    }
}
