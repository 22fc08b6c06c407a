package org.garnet.core.internal.jobs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * Ganeti's job scheduler ({@code JQScheduler}), event-driven: on every submission, finish, cancel or limit
 * change it starts the best eligible queued jobs until {@code max_running_jobs} run. Eligible: every job it
 * depends on has finished (a job waiting on dependencies gets no worker), and each of its rate-limit buckets
 * has a free slot. Order: job priority (lower first), then id.
 */
final class Scheduler {
    private final Object lock = new Object();
    private final TreeSet<LiveJob> queued = new TreeSet<>(
            Comparator.comparingInt(LiveJob::priority).thenComparingLong(j -> j.id));
    private final Map<Long, List<LiveJob>> blockedOn = new HashMap<>();
    private final Map<LiveJob, Integer> unmetDependencies = new HashMap<>();
    private final Set<LiveJob> running = new HashSet<>();
    private final Map<String, Integer> bucketsRunning = new HashMap<>();
    private final Executor workers;
    private final Consumer<LiveJob> runner;
    private int maxRunning;
    /** Which jobs the queue holds now (an upgrade under way): they are accepted and wait, none of them starts. */
    private final java.util.function.Supplier<java.util.function.Predicate<LiveJob>> held;

    Scheduler(int maxRunning, Executor workers, Consumer<LiveJob> runner) {
        this(maxRunning, workers, runner, () -> job -> false);
    }

    Scheduler(int maxRunning, Executor workers, Consumer<LiveJob> runner,
              java.util.function.Supplier<java.util.function.Predicate<LiveJob>> held) {
        this.maxRunning = Math.max(1, maxRunning);
        this.workers = workers;
        this.runner = runner;
        this.held = held;
    }

    /** Adds jobs; {@code unfinished} tells whether a dependency id is a job that has not finished. */
    void enqueue(List<LiveJob> jobs, LongPredicate unfinished) {
        List<LiveJob> start;
        synchronized (lock) {
            for (LiveJob job : jobs) {
                int unmet = 0;
                for (long dep : job.dependencies) {
                    if (dep != job.id && unfinished.test(dep)) {
                        blockedOn.computeIfAbsent(dep, k -> new ArrayList<>()).add(job);
                        unmet++;
                    }
                }
                if (unmet > 0) {
                    unmetDependencies.put(job, unmet);
                } else {
                    queued.add(job);
                }
            }
            start = select();
        }
        start.forEach(this::launch);
    }

    /**
     * A job's opcodes ended (its final state is being written): it frees its slot and its rate-limit buckets, so
     * the next job starts while that write is made. Its dependents wait for {@link #finished}.
     */
    void executed(LiveJob job) {
        List<LiveJob> start;
        synchronized (lock) {
            free(job);
            start = select();
        }
        start.forEach(this::launch);
    }

    /**
     * A job finished (its final state is durable, or it was canceled before running): frees its slot if it still
     * holds it, unblocks its dependents.
     */
    void finished(LiveJob job) {
        List<LiveJob> start;
        synchronized (lock) {
            free(job);
            List<LiveJob> dependents = blockedOn.remove(job.id);
            if (dependents != null) {
                for (LiveJob d : dependents) {
                    Integer left = unmetDependencies.get(d);
                    if (left == null) {
                        continue;
                    }
                    if (left <= 1) {
                        unmetDependencies.remove(d);
                        queued.add(d);
                    } else {
                        unmetDependencies.put(d, left - 1);
                    }
                }
            }
            start = select();
        }
        start.forEach(this::launch);
    }

    /** Removes a job that has not started; false if it already runs (or is unknown). */
    boolean dequeue(LiveJob job) {
        synchronized (lock) {
            if (queued.remove(job)) {
                return true;
            }
            if (unmetDependencies.remove(job) != null) {
                blockedOn.values().forEach(l -> l.remove(job));
                return true;
            }
            return false;
        }
    }

    /** Changes a not-yet-started job's priority, keeping the queue ordered; false if it already runs. */
    boolean reprioritize(LiveJob job, int priority) {
        List<LiveJob> start;
        synchronized (lock) {
            boolean inQueue = queued.remove(job);
            boolean blocked = unmetDependencies.containsKey(job);
            if (!inQueue && !blocked) {
                return false;
            }
            job.changePriority(priority);
            if (inQueue) {
                queued.add(job);
            }
            start = select();
        }
        start.forEach(this::launch);
        return true;
    }

    void setMaxRunning(int max) {
        List<LiveJob> start;
        synchronized (lock) {
            maxRunning = Math.max(1, max);
            start = select();
        }
        start.forEach(this::launch);
    }

    int maxRunning() {
        synchronized (lock) {
            return maxRunning;
        }
    }

    int runningCount() {
        synchronized (lock) {
            return running.size();
        }
    }

    int queuedCount() {
        synchronized (lock) {
            return queued.size() + unmetDependencies.size();
        }
    }

    private void free(LiveJob job) {
        if (running.remove(job)) {
            job.buckets.forEach(b -> bucketsRunning.merge(b, -1, Integer::sum));
        }
    }

    private List<LiveJob> select() {
        List<LiveJob> start = new ArrayList<>();
        if (running.size() >= maxRunning || queued.isEmpty()) {
            return start;
        }
        java.util.function.Predicate<LiveJob> holding = held.get();
        List<LiveJob> chosen = new ArrayList<>();
        Map<String, Integer> taken = new HashMap<>(bucketsRunning);
        for (LiveJob job : queued) {
            if (running.size() + chosen.size() >= maxRunning) {
                break;
            }
            if (holding.test(job)) {
                continue;
            }
            boolean fits = true;
            for (String b : job.buckets) {
                if (taken.getOrDefault(b, 0) >= RateLimits.limit(b)) {
                    fits = false;
                    break;
                }
            }
            if (fits) {
                job.buckets.forEach(b -> taken.merge(b, 1, Integer::sum));
                chosen.add(job);
            }
        }
        for (LiveJob job : chosen) {
            queued.remove(job);
            running.add(job);
            job.buckets.forEach(b -> bucketsRunning.merge(b, 1, Integer::sum));
            start.add(job);
        }
        return start;
    }

    private void launch(LiveJob job) {
        try {
            workers.execute(() -> runner.accept(job));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the queue is closing: the job stays queued on disk and runs after the next start
        }
    }
}
