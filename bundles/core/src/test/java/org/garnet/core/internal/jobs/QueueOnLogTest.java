package org.garnet.core.internal.jobs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.garnet.api.jobs.JobDependency;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.lu.OpDefinition;
import org.garnet.core.internal.locks.LockAttempts;
import org.garnet.core.internal.lu.TestDelayOp;
import org.garnet.core.internal.store.LogLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue on the master candidates' log (here one member that applies entries at once, holds them until told,
 * or refuses them while it stops). {@code max_running_jobs} bounds the jobs executing opcodes: a job whose
 * opcodes ended frees its slot while its final state is written, and the jobs depending on it wait until that
 * state is durable. A change refused by a stopping member is made again through the member that follows.
 */
class QueueOnLogTest {
    @TempDir
    Path dir;
    QueueFixture f;
    final OneMemberLog log = new OneMemberLog();
    JobQueueImpl queue;
    final LogLink link = new LogLink();

    @BeforeEach
    void setUp() {
        f = new QueueFixture(dir);
        f.cluster.modify(Map.of("max_running_jobs", 1));
        f.queue.close();
        Map<String, OpDefinition> defs = new ConcurrentHashMap<>();
        queue = new JobQueueImpl(dir, f.store, defs, LockAttempts.scaled(0.01), link);
        queue.definitionAdded(f.gate);
        queue.definitionAdded(new TestDelayOp(f.store));
        log.state = queue.replicatedState();
        link.bind(log);
        queue.start();
    }

    @AfterEach
    void tearDown() {
        log.release();
        f.gate.open("a");
        f.gate.open("b");
        queue.close();
        f.store.close();
    }

    @Test
    void aJobFreesItsSlotBeforeItsFinalStateIsDurableAndItsDependentsWaitForIt() {
        List<Long> ids = queue.submitMany(List.of(List.of(GateOp.op("a")), List.of(GateOp.op("b")),
                List.of(OpCode.of("OP_TEST_DELAY", Map.of("duration", 0.001))
                        .withDepends(List.of(new JobDependency(-2, List.of()))))));
        await().atMost(Duration.ofSeconds(20)).until(() -> f.gate.started.contains("a"));
        assertEquals(List.of("a"), f.gate.started, "one job at a time (max_running_jobs 1)");
        log.hold();
        f.gate.open("a");
        // a's final state waits on the log; b takes the slot meanwhile
        await().atMost(Duration.ofSeconds(10)).until(() -> f.gate.started.contains("b"));
        assertTrue(log.held() > 0, "a's final state is still being written");
        assertEquals(JobStatus.queued, queue.job(ids.get(2)).orElseThrow().status(),
                "the job depending on a waits until a's final state is durable");
        log.release();
        f.gate.open("b");
        for (long id : ids) {
            await().atMost(Duration.ofSeconds(20)).until(() -> queue.statusOf(id).orElseThrow().isFinalized());
            assertEquals(JobStatus.success, queue.statusOf(id).orElseThrow());
        }
    }

    @Test
    void aJobCommittedWhileTheQueueStartsRunsOnce() throws Exception {
        // a node that just took the lead takes jobs while its queue starts (seen right after ./garnet up: the
        // queue's recovery took up a job that was committed while its submitter had not woken yet, the
        // submitter scheduled it too, and the second run failed with a lock error its client was shown)
        long first = queue.submit(List.of(OpCode.of("OP_TEST_DELAY", Map.of("duration", 0.001))));
        await().atMost(Duration.ofSeconds(20)).until(() -> queue.statusOf(first).orElseThrow().isFinalized());
        queue.close();
        Map<String, OpDefinition> defs = new ConcurrentHashMap<>();
        queue = new JobQueueImpl(dir, f.store, defs, LockAttempts.scaled(0.01), link);
        queue.definitionAdded(f.gate);
        log.state = queue.replicatedState();
        log.hold();
        CompletableFuture<Long> submitted = CompletableFuture.supplyAsync(() -> queue.submit(List.of(GateOp.op("a"))));
        await().atMost(Duration.ofSeconds(10)).until(() -> log.held() == 1);
        log.applyHeld();
        queue.start();
        log.release();
        long id = submitted.get(20, TimeUnit.SECONDS);
        f.gate.open("a");
        await().atMost(Duration.ofSeconds(20)).until(() -> queue.statusOf(id).orElseThrow().isFinalized());
        assertEquals(JobStatus.success, queue.statusOf(id).orElseThrow());
        await().atMost(Duration.ofSeconds(20)).until(() -> queue.stats().queued() == 0
                && queue.stats().running() == 0);
        assertEquals(List.of("a"), f.gate.started, "the job ran once");
    }

    @Test
    void archivingRefusedByAStoppingMemberIsDoneThroughTheNextOne() throws Exception {
        long id = queue.submit(List.of(OpCode.of("OP_TEST_DELAY", Map.of("duration", 0.001))));
        await().atMost(Duration.ofSeconds(20)).until(() -> queue.statusOf(id).orElseThrow().isFinalized());
        OneMemberLog restarting = new OneMemberLog();
        restarting.state = log.state;
        restarting.stop();
        link.bind(restarting);
        CompletableFuture<Integer> archived = CompletableFuture.supplyAsync(() -> queue.archive(List.of(id)));
        await().atMost(Duration.ofSeconds(10)).until(() -> restarting.refused() > 0);
        link.bind(log); // the member that follows
        assertEquals(1, archived.get(20, TimeUnit.SECONDS));
        assertTrue(queue.job(id).orElseThrow().archived());
    }
}
