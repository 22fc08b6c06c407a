package org.garnet.core.internal.jobs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.jobs.OpStatus;
import org.garnet.api.jobs.QueuedOpCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The queue's writer with writes that complete when the test says (as entries of the log do when a majority
 * answered): a job's states are written in order, other jobs' go ahead meanwhile, actions wait for the writes
 * before them, a failed write fails its callers.
 */
class JournalWriterTest {
    /** Each write started: the jobs' states it carries, and its completion. */
    record Started(List<Job> jobs, CompletableFuture<Void> done) {
    }

    final List<Started> started = new CopyOnWriteArrayList<>();
    final AtomicInteger window = new AtomicInteger(2);
    final JournalWriter writer = new JournalWriter(window::get, jobs -> {
        CompletableFuture<Void> done = new CompletableFuture<>();
        started.add(new Started(jobs, done));
        return done;
    });

    @AfterEach
    void close() {
        started.forEach(s -> s.done().complete(null));
        writer.close();
    }

    static Job job(long id, OpStatus status) {
        return new Job(id, List.of(new QueuedOpCode(OpCode.of("OP_TEST_DELAY", Map.of("duration", 0.0)), status,
                null, List.of(), 0, null, null, null)), null, null, null, false);
    }

    private void awaitStarted(int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> started.size() >= n);
    }

    @Test
    void aJobsNewerStateWaitsForItsWriteInFlightWhileAnotherJobsGoesAhead() throws Exception {
        CompletableFuture<Void> first = writer.save(job(1, OpStatus.queued));
        awaitStarted(1);
        CompletableFuture<Void> newer = writer.save(job(1, OpStatus.running));
        CompletableFuture<Void> newest = writer.save(job(1, OpStatus.success));
        CompletableFuture<Void> other = writer.save(job(2, OpStatus.queued));
        awaitStarted(2);
        assertEquals(List.of(2L), started.get(1).jobs().stream().map(Job::id).toList(),
                "job 2 goes ahead while job 1 is in flight");
        assertFalse(newer.isDone());
        started.get(1).done().complete(null);
        other.get();
        assertEquals(2, started.size(), "job 1's newer states wait for its write in flight");
        started.get(0).done().complete(null);
        first.get();
        awaitStarted(3);
        assertEquals(List.of(job(1, OpStatus.success)), started.get(2).jobs(), "then only its latest state is written");
        started.get(2).done().complete(null);
        newer.get();
        newest.get();
    }

    @Test
    void noMoreWritesInFlightThanTheWindow() {
        window.set(1);
        writer.save(job(1, OpStatus.queued));
        awaitStarted(1);
        CompletableFuture<Void> second = writer.save(job(2, OpStatus.queued));
        CompletableFuture<Void> third = writer.save(job(3, OpStatus.queued));
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> started.size() == 1);
        started.get(0).done().complete(null);
        awaitStarted(2);
        assertEquals(List.of(2L, 3L), started.get(1).jobs().stream().map(Job::id).toList(),
                "what waited goes in one write");
        started.get(1).done().complete(null);
        second.join();
        third.join();
    }

    @Test
    void anActionRunsOnceTheWritesQueuedBeforeItAreDone() throws Exception {
        CompletableFuture<Void> write = writer.save(job(1, OpStatus.success));
        awaitStarted(1);
        List<Boolean> writtenWhenRun = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> action = writer.after(() -> writtenWhenRun.add(write.isDone()));
        CompletableFuture<Void> later = writer.save(job(2, OpStatus.queued));
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !action.isDone());
        assertEquals(1, started.size(), "a write queued after the action waits for it");
        started.get(0).done().complete(null);
        action.get();
        assertEquals(List.of(true), writtenWhenRun);
        awaitStarted(2);
        started.get(1).done().complete(null);
        later.get();
    }

    @Test
    void aFailedWriteFailsItsCallersAndTheNextOnesStillGo() throws Exception {
        CompletableFuture<Void> failing = writer.save(job(1, OpStatus.queued));
        awaitStarted(1);
        started.get(0).done().completeExceptionally(new IllegalStateException("no majority"));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, failing::get);
        assertEquals("no majority", e.getCause().getMessage());
        CompletableFuture<Void> next = writer.save(job(1, OpStatus.queued));
        awaitStarted(2);
        started.get(1).done().complete(null);
        next.get();
        assertTrue(next.isDone());
    }
}
