package org.garnet.core.internal.jobs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.garnet.api.consensus.ReplicatedLog;
import org.garnet.api.consensus.ReplicatedState;
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
 * {@code max_running_jobs} bounds the jobs executing opcodes: a job whose opcodes ended frees its slot while its
 * final state is written to the master candidates' log, and the jobs depending on it wait until that state is
 * durable. The log here is one member that applies entries at once, or holds them until told.
 */
class JobSlotTest {
    @TempDir
    Path dir;
    QueueFixture f;
    final HeldLog log = new HeldLog();
    JobQueueImpl queue;

    @BeforeEach
    void setUp() {
        f = new QueueFixture(dir);
        f.cluster.modify(Map.of("max_running_jobs", 1));
        f.queue.close();
        LogLink link = new LogLink();
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

    /** A log of one member: entries are applied in order, at once or, while held, when released. */
    static final class HeldLog implements ReplicatedLog {
        private record Pending(byte[] entry, CompletableFuture<byte[]> done) {
        }

        volatile ReplicatedState state;
        private final List<Pending> pending = new ArrayList<>();
        private boolean holding;
        private long index;

        @Override
        public synchronized CompletableFuture<byte[]> append(String name, byte[] entry) {
            CompletableFuture<byte[]> done = new CompletableFuture<>();
            if (holding) {
                pending.add(new Pending(entry, done));
            } else {
                done.complete(state.apply(++index, entry));
            }
            return done;
        }

        synchronized void hold() {
            holding = true;
        }

        synchronized int held() {
            return pending.size();
        }

        void release() {
            List<Pending> now;
            List<CompletableFuture<byte[]>> done = new ArrayList<>();
            List<byte[]> results = new ArrayList<>();
            synchronized (this) {
                holding = false;
                now = List.copyOf(pending);
                pending.clear();
                for (Pending p : now) {
                    results.add(state.apply(++index, p.entry()));
                    done.add(p.done());
                }
            }
            for (int i = 0; i < done.size(); i++) {
                done.get(i).complete(results.get(i));
            }
        }

        @Override
        public boolean leading() {
            return true;
        }

        @Override
        public Optional<String> leader() {
            return Optional.of("node1.example.com");
        }

        @Override
        public void lead(Duration timeout) {
        }

        @Override
        public List<String> members() {
            return List.of("node1.example.com");
        }
    }
}
