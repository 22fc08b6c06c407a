package org.garnet.core.internal.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.garnet.api.ErrorClass;
import org.garnet.api.GanetiException;
import org.garnet.api.locks.LockInfo;
import org.garnet.api.locks.LockLevel;
import org.junit.jupiter.api.Test;

class LockManagerTest {
    private final LockManager locks = new LockManager();
    private final LockAttempts fast = LockAttempts.scaled(0.001);

    private boolean take(String owner, LockLevel level, Set<String> names, boolean shared) throws Exception {
        return locks.acquire(owner, level, names, false, shared, 0, fast, () -> false);
    }

    @Test
    void levelsMustBeTakenInOrderAndOnlyOnce() throws Exception {
        assertTrue(take("job/1", LockLevel.NODE, Set.of("n1"), false));
        GanetiException lower = assertThrows(GanetiException.class,
                () -> take("job/1", LockLevel.INSTANCE, Set.of("i1"), false));
        assertEquals(ErrorClass.LockError, lower.errorClass());
        assertThrows(GanetiException.class, () -> take("job/1", LockLevel.NODE, Set.of("n2"), false));
        assertTrue(take("job/1", LockLevel.NETWORK, Set.of("net1"), true), "a higher level is fine");
        locks.releaseAll("job/1");
        assertTrue(take("job/1", LockLevel.INSTANCE, Set.of("i1"), false), "after release the order restarts");
    }

    @Test
    void sharedLocksCoexistAndExclusiveOnesWait() throws Exception {
        assertTrue(take("job/1", LockLevel.NODE, Set.of("n1"), true));
        assertTrue(take("job/2", LockLevel.NODE, Set.of("n1", "n2"), true));
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> writer = ex.submit(() -> take("job/3", LockLevel.NODE, Set.of("n1"), false));
            assertTrue(locks.awaitPending("node/n1", 10, TimeUnit.SECONDS));
            List<LockInfo> info = locks.snapshot();
            LockInfo n1 = info.stream().filter(i -> i.name().equals("node/n1")).findFirst().orElseThrow();
            assertEquals("shared", n1.mode());
            assertEquals(List.of("job/1", "job/2"), n1.owners());
            assertEquals(List.of("exclusive:job/3"), n1.pending());
            // a later shared request does not overtake the waiting exclusive one
            Future<Boolean> reader = Executors.newSingleThreadExecutor().submit(
                    () -> take("job/4", LockLevel.NODE, Set.of("n1"), true));
            assertTrue(locks.awaitPending("node/n1", 10, TimeUnit.SECONDS));
            locks.releaseAll("job/1");
            locks.releaseAll("job/2");
            assertTrue(writer.get(10, TimeUnit.SECONDS));
            assertFalse(reader.isDone());
            locks.releaseAll("job/3");
            assertTrue(reader.get(10, TimeUnit.SECONDS));
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void allOfALevelExcludesEveryElement() throws Exception {
        assertTrue(locks.acquire("job/1", LockLevel.NODE, Set.of("n1", "n2"), true, false, 0, fast, () -> false));
        AtomicBoolean cancel = new AtomicBoolean();
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> other = ex.submit(() -> locks.acquire("job/2", LockLevel.NODE, Set.of("n3"), false, true,
                    0, fast, cancel::get));
            assertTrue(locks.awaitPending("node/[lockset]", 10, TimeUnit.SECONDS),
                    "even a node not in the set waits: the whole level is held");
            cancel.set(true);
            locks.wakeAll();
            assertFalse(other.get(10, TimeUnit.SECONDS), "a canceled request gives up");
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void opportunisticTakesTheFreeSubset() throws Exception {
        assertTrue(take("job/1", LockLevel.NODE, Set.of("n2"), false));
        Set<String> got = locks.acquireOpportunistic("job/2", LockLevel.NODE, Set.of("n1", "n2", "n3"), false, 1,
                TimeUnit.SECONDS.toNanos(5), () -> false);
        assertEquals(Set.of("n1", "n3"), got);
        locks.release("job/2", LockLevel.NODE, Set.of("n3"));
        assertEquals(Set.of("n1"), locks.held("job/2", LockLevel.NODE), "unused locks can be given back");
        Set<String> none = locks.acquireOpportunistic("job/3", LockLevel.NODE, Set.of("n1", "n2"), false, 1,
                TimeUnit.MILLISECONDS.toNanos(50), () -> false);
        assertTrue(none.isEmpty(), "nothing free within the time: empty, never blocks forever");
    }

    @Test
    void priorityRisesWhenAttemptsTimeOut() {
        LockAttempts g = LockAttempts.ganeti();
        assertEquals(5_000_000_000L, g.timeoutNanos(0));
        assertTrue(g.timeoutNanos(1) > g.timeoutNanos(0));
        assertEquals(75_000_000_000L, g.timeoutNanos(g.count() - 1));
        assertTrue(g.timeoutNanos(g.count()) > TimeUnit.DAYS.toNanos(365), "then it blocks");
    }

    @Test
    void aWaiterWhoseAttemptsTimeOutClimbsAheadOfOthers() throws Exception {
        assertTrue(take("job/1", LockLevel.NODE, Set.of("x"), false));
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try {
            // job/2 starts behind (priority 0) but its tiny attempts keep timing out, raising its priority
            Future<Boolean> escalating = ex.submit(() -> locks.acquire("job/2", LockLevel.NODE, Set.of("x"), false,
                    false, 0, LockAttempts.scaled(0.0001), () -> false));
            assertTrue(locks.awaitPending("node/x", 10, TimeUnit.SECONDS));
            Future<Boolean> patient = ex.submit(() -> locks.acquire("job/3", LockLevel.NODE, Set.of("x"), false,
                    false, -5, LockAttempts.ganeti(), () -> false));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                    locks.snapshot().stream().filter(i -> i.name().equals("node/x")).findFirst()
                            .map(i -> i.pending().equals(List.of("exclusive:job/2", "exclusive:job/3"))).orElse(false));
            locks.releaseAll("job/1");
            assertTrue(escalating.get(10, TimeUnit.SECONDS), "the escalated waiter gets the lock first");
            assertFalse(patient.isDone());
            locks.releaseAll("job/2");
            assertTrue(patient.get(10, TimeUnit.SECONDS));
        } finally {
            ex.shutdownNow();
        }
    }

    /**
     * Bounded randomized stress: 8 threads take random sets of locks over 3 levels in random modes, check that
     * no exclusive holder ever overlaps another holder, and all finish (no deadlock) within the time bound.
     */
    @Test
    void randomizedStressKeepsMutualExclusionAndMakesProgress() throws Exception {
        LockLevel[] levels = {LockLevel.INSTANCE, LockLevel.NODE, LockLevel.NODE_RES};
        ConcurrentHashMap<String, AtomicInteger> exclusive = new ConcurrentHashMap<>();
        ConcurrentHashMap<String, AtomicInteger> shared = new ConcurrentHashMap<>();
        AtomicInteger violations = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService ex = Executors.newFixedThreadPool(8);
        List<Future<?>> all = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int seed = t;
            all.add(ex.submit(() -> {
                Random r = new Random(seed);
                String owner = "job/" + seed;
                for (int round = 0; round < 300; round++) {
                    List<String> held = new ArrayList<>();
                    List<Boolean> modes = new ArrayList<>();
                    for (LockLevel level : levels) {
                        if (r.nextInt(3) == 0) {
                            continue;
                        }
                        Set<String> names = new TreeSet<>();
                        for (int k = r.nextInt(3) + 1; k > 0; k--) {
                            names.add("x" + r.nextInt(5));
                        }
                        boolean sh = r.nextBoolean();
                        boolean all1 = r.nextInt(10) == 0;
                        if (!locks.acquire(owner, level, names, all1, sh, r.nextInt(3) - 1, fast, () -> false)) {
                            violations.incrementAndGet();
                        }
                        for (String n : names) {
                            String key = level + "/" + n;
                            if (sh) {
                                shared.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                                if (exclusive.getOrDefault(key, new AtomicInteger()).get() > 0) {
                                    violations.incrementAndGet();
                                }
                            } else if (exclusive.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() != 1
                                    || shared.getOrDefault(key, new AtomicInteger()).get() > 0) {
                                violations.incrementAndGet();
                            }
                            held.add(key);
                            modes.add(sh);
                        }
                    }
                    Thread.yield();
                    for (int i = 0; i < held.size(); i++) {
                        (modes.get(i) ? shared : exclusive).get(held.get(i)).decrementAndGet();
                    }
                    locks.releaseAll(owner);
                }
                done.incrementAndGet();
                return null;
            }));
        }
        for (Future<?> fut : all) {
            fut.get(60, TimeUnit.SECONDS);
        }
        ex.shutdownNow();
        assertEquals(8, done.get(), "every thread finished: no deadlock");
        assertEquals(0, violations.get(), "no two owners ever held a lock in conflicting modes");
        assertTrue(locks.snapshot().isEmpty(), "everything was released");
    }
}
