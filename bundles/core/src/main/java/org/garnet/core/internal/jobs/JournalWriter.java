package org.garnet.core.internal.jobs;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.garnet.api.jobs.Job;

/**
 * The job queue's writer thread: group commits of the jobs' states, in order per job. Every state waiting when
 * the thread comes round goes into one write (the latest state of each job); while the write of a job is in
 * flight, that job's newer states wait for it, while other jobs' writes go ahead, up to a window of writes in
 * flight at once (on the master candidates' log a write is a round trip to a majority; on the node's own file it
 * is done before the thread goes on, so there is one at a time). An action (archival, clearing) runs on the
 * thread once every write queued before it is done.
 */
final class JournalWriter implements AutoCloseable {
    /** A job state to write, or (with {@code job} null) an action. */
    private record Write(Job job, CompletableFuture<Void> done, Runnable action) {
    }

    private static final Write WAKE = new Write(null, null, null);
    private static final Write STOP = new Write(null, null, null);

    private final Function<List<Job>, CompletableFuture<Void>> write;
    private final IntSupplier window;
    private final LinkedBlockingQueue<Write> pending = new LinkedBlockingQueue<>();
    /**
     * Jobs with a write in flight: read and changed on the writer thread only, so that one pass over the waiting
     * states sees one view of it (a write ending meanwhile, on another thread, let a job's later state go ahead
     * of an earlier one, which was then written last: a finished job stored as running).
     */
    private final Set<Long> inFlight = new java.util.HashSet<>();
    /** The jobs of writes that ended, for the writer thread to take out of {@link #inFlight}. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Set<Long>> ended =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicInteger writesInFlight = new AtomicInteger();
    private final AtomicLong commits = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * {@code write} makes the given jobs' states durable, its future completing when they are; {@code window}
     * says how many writes may be in flight at once (asked before each one).
     */
    JournalWriter(IntSupplier window, Function<List<Job>, CompletableFuture<Void>> write) {
        this.window = window;
        this.write = write;
        thread = new Thread(this::loop, "garnet-job-journal");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues the job's current state for the next group commit; the future completes once it is durable. */
    CompletableFuture<Void> save(Job job) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("job queue closed"));
            return done;
        }
        pending.add(new Write(job, done, null));
        return done;
    }

    /** Runs {@code action} on the writer thread once the writes queued before it are done. */
    CompletableFuture<Void> after(Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.add(new Write(null, done, action));
        return done;
    }

    /** Number of writes so far: for benchmarks. */
    long commits() {
        return commits.get();
    }

    private void loop() {
        List<Write> waiting = new ArrayList<>();
        boolean stop = false;
        while (!stop || !waiting.isEmpty() || writesInFlight.get() > 0) {
            try {
                waiting.add(pending.take());
            } catch (InterruptedException e) {
                continue;
            }
            pending.drainTo(waiting);
            for (Set<Long> ids; (ids = ended.poll()) != null; ) {
                inFlight.removeAll(ids);
            }
            for (Iterator<Write> it = waiting.iterator(); it.hasNext(); ) {
                Write w = it.next();
                if (w == STOP || w == WAKE) { // by identity: records with equal parts are equal
                    stop |= w == STOP;
                    it.remove();
                }
            }
            progress(waiting);
        }
    }

    /** Starts what may start: the writes before the first action, then that action once they are done. */
    private void progress(List<Write> waiting) {
        while (!waiting.isEmpty()) {
            int firstAction = 0;
            while (firstAction < waiting.size() && waiting.get(firstAction).action() == null) {
                firstAction++;
            }
            if (firstAction > 0) {
                if (!startWrite(waiting.subList(0, firstAction))) {
                    return;
                }
                continue;
            }
            if (writesInFlight.get() > 0) {
                return;
            }
            Write action = waiting.remove(0);
            try {
                action.action().run();
                action.done().complete(null);
            } catch (RuntimeException e) {
                action.done().completeExceptionally(e);
            }
        }
    }

    /**
     * Starts one write of the states in {@code writes} whose job has no write in flight (removing them from the
     * list); false when none could start now (the window is full, or every one waits for its job's write).
     */
    private boolean startWrite(List<Write> writes) {
        if (writesInFlight.get() >= Math.max(1, window.getAsInt())) {
            return false;
        }
        Map<Long, Job> latest = new LinkedHashMap<>();
        List<Write> batch = new ArrayList<>();
        for (Iterator<Write> it = writes.iterator(); it.hasNext(); ) {
            Write w = it.next();
            if (!inFlight.contains(w.job().id())) {
                latest.put(w.job().id(), w.job());
                batch.add(w);
                it.remove();
            }
        }
        if (batch.isEmpty()) {
            return false;
        }
        inFlight.addAll(latest.keySet());
        writesInFlight.incrementAndGet();
        CompletableFuture<Void> written;
        try {
            written = write.apply(List.copyOf(latest.values()));
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        written.whenComplete((ok, error) -> {
            commits.incrementAndGet();
            ended.add(latest.keySet());
            writesInFlight.decrementAndGet();
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            batch.forEach(w -> {
                if (cause == null) {
                    w.done().complete(null);
                } else {
                    w.done().completeExceptionally(cause);
                }
            });
            pending.add(WAKE);
        });
        return true;
    }

    @Override
    public void close() {
        closed = true;
        pending.add(STOP);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
