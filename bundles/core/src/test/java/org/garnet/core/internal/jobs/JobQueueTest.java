package org.garnet.core.internal.jobs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.ReasonEntry;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobChange;
import org.garnet.api.jobs.JobDependency;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.jobs.OpStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobQueueTest {
    @TempDir
    Path dir;
    QueueFixture f;

    @BeforeEach
    void setUp() {
        f = new QueueFixture(dir);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static OpCode delay(double seconds) {
        return OpCode.of("OP_TEST_DELAY", Map.of("duration", seconds));
    }

    private static OpCode withReason(OpCode op, String reason) {
        return op.withReason(List.of(new ReasonEntry("gnt:client:gnt-debug", reason, 1L)));
    }

    @Test
    void aJobRunsToSuccessWithGanetiFieldsAndReasonTrail() {
        long id = f.queue.submit(List.of(delay(0.001)));
        Job j = f.awaitFinished(id);
        assertEquals(JobStatus.success, j.status());
        assertEquals(OpStatus.success, j.ops().get(0).status());
        assertTrue(j.receivedTimestamp() != null && j.startTimestamp() != null && j.endTimestamp() != null);
        var op = j.ops().get(0);
        assertTrue(op.startTimestamp() != null && op.execTimestamp() != null && op.endTimestamp() != null);
        ReasonEntry last = op.input().reason().get(op.input().reason().size() - 1);
        assertEquals("gnt:opcode:test_delay", last.source());
        assertEquals("job=" + id + ";index=0", last.reason());
        assertEquals(false, op.input().params().get("interruptible"), "defaults are filled in");
    }

    @Test
    void badSubmissionsAreRefusedWithInvalAndNothingIsQueued() {
        long before = f.queue.stats().lastJobId();
        GanetiException unknown = assertThrows(GanetiException.class,
                () -> f.queue.submit(List.of(OpCode.of("OP_NO_SUCH", Map.of()))));
        assertEquals(ErrorCode.ECODE_INVAL, unknown.code());
        assertTrue(unknown.getMessage().contains("OP_NO_SUCH"));
        GanetiException type = assertThrows(GanetiException.class,
                () -> f.queue.submit(List.of(OpCode.of("OP_TEST_DELAY", Map.of("duration", "abc")))));
        assertTrue(type.getMessage().contains("OP_TEST_DELAY.duration"), type.getMessage());
        for (int bad : new int[] {-20, 19, -11, -9, 1, 11}) {
            assertThrows(GanetiException.class, () -> f.queue.submit(List.of(delay(0.001).withPriority(bad))),
                    "priority " + bad + " is refused at submission, as Ganeti");
        }
        GanetiException missing = assertThrows(GanetiException.class,
                () -> f.queue.submit(List.of(OpCode.of("OP_TEST_DELAY", Map.of()))));
        assertTrue(missing.getMessage().contains("duration") && missing.getMessage().contains("required"));
        GanetiException noJob = assertThrows(GanetiException.class, () -> f.queue.submit(List.of(
                delay(0.001).withDepends(List.of(new JobDependency(999, List.of()))))));
        assertTrue(noJob.getMessage().contains("999"), noJob.getMessage());
        GanetiException relative = assertThrows(GanetiException.class, () -> f.queue.submitMany(List.of(
                List.of(delay(0.001)), List.of(delay(0.001).withDepends(List.of(new JobDependency(-2, List.of())))))));
        assertEquals(ErrorCode.ECODE_INVAL, relative.code());
        // a good job followed by a bad one in one submission: none is queued
        assertThrows(GanetiException.class, () -> f.queue.submitMany(List.of(List.of(delay(0.001)),
                List.of(OpCode.of("OP_TEST_DELAY", Map.of("duration", 1, "bogus", 1))))));
        assertEquals(before, f.queue.stats().lastJobId());
        assertTrue(f.queue.list(List.of(), true).isEmpty());
    }

    @Test
    void dependenciesHoldJobsBackAndCheckTheFinalStatus() {
        List<Long> ids = f.queue.submitMany(List.of(
                List.of(GateOp.op("a")),
                List.of(delay(0.001).withDepends(List.of(new JobDependency(-1, List.of(JobStatus.success))))),
                List.of(delay(0.001).withDepends(List.of(new JobDependency(-2, List.of(JobStatus.error)))))));
        f.awaitStarted("a");
        assertEquals(JobStatus.queued, f.queue.job(ids.get(1)).orElseThrow().status());
        assertEquals(JobStatus.queued, f.queue.job(ids.get(2)).orElseThrow().status());
        assertEquals(ids.get(0), f.queue.job(ids.get(1)).orElseThrow().ops().get(0).input().depends().get(0).jobId(),
                "relative ids are resolved at submission");
        f.gate.open("a");
        assertEquals(JobStatus.success, f.awaitFinished(ids.get(1)).status());
        Job wrong = f.awaitFinished(ids.get(2));
        assertEquals(JobStatus.error, wrong.status());
        assertTrue(String.valueOf(wrong.ops().get(0).result()).contains("not one of 'error' as required"));
    }

    @Test
    void aCanceledDependencyCancelsTheDependent() {
        List<Long> ids = f.queue.submitMany(List.of(List.of(GateOp.op("a")), List.of(GateOp.op("b")),
                List.of(delay(0.001).withDepends(List.of(new JobDependency(-1, List.of()))))));
        f.awaitStarted("a");
        f.queue.cancel(ids.get(1));
        assertEquals(JobStatus.canceled, f.awaitFinished(ids.get(2)).status());
        f.gate.open("a");
    }

    @Test
    void anUpgradeHoldsNewJobsQueuedAndTheyRunOnceItEnds() {
        String uuid = f.store.cluster().orElseThrow().uuid();
        long running = f.queue.submit(List.of(GateOp.op("before")));
        f.awaitStarted("before");
        f.store.update(org.garnet.api.model.Cluster.class, uuid, c -> c.toBuilder().upgrade(
                new org.garnet.api.model.UpgradeIntent("u1", "0.1.0", "0.2.0", "draining", 1, 1, null)).build());
        long held = f.queue.submit(List.of(GateOp.op("held")));
        assertEquals(JobStatus.queued, f.queue.job(held).orElseThrow().status(), "accepted, not refused");
        f.gate.open("before");
        assertEquals(JobStatus.success, f.awaitFinished(running).status(), "a running job ends");
        assertEquals(1, f.queue.stats().queued());
        assertEquals(0, f.queue.stats().running());
        assertEquals(JobStatus.queued, f.queue.job(held).orElseThrow().status(), "a held job does not start");
        f.store.update(org.garnet.api.model.Cluster.class, uuid, c -> c.toBuilder().upgrade(null).build());
        f.queue.reschedule();
        f.awaitStarted("held");
        f.gate.open("held");
        assertEquals(JobStatus.success, f.awaitFinished(held).status());
    }

    @Test
    void whileTheOtherNodesSwapOnlyJobsChangingTheClusterOrItsNodesAreHeld() {
        String uuid = f.store.cluster().orElseThrow().uuid();
        f.store.update(org.garnet.api.model.Cluster.class, uuid, c -> c.toBuilder().upgrade(
                new org.garnet.api.model.UpgradeIntent("u1", "0.1.0", "0.2.0", "nodes", 1, 1, null)).build());
        long clusterChange = f.queue.submit(List.of(OpCode.of("OP_CLUSTER_SET_PARAMS", Map.of("max_running_jobs", 7))));
        long other = f.queue.submit(List.of(GateOp.op("runs")));
        f.awaitStarted("runs");
        f.gate.open("runs");
        assertEquals(JobStatus.success, f.awaitFinished(other).status(), "a job that leaves the nodes as they are runs");
        assertEquals(JobStatus.queued, f.queue.job(clusterChange).orElseThrow().status(),
                "OP_CLUSTER_SET_PARAMS waits for the upgrade's end");
        f.store.update(org.garnet.api.model.Cluster.class, uuid, c -> c.toBuilder().upgrade(null).build());
        f.queue.reschedule();
        assertEquals(JobStatus.success, f.awaitFinished(clusterChange).status());
        assertEquals(7, f.store.cluster().orElseThrow().maxRunningJobs());
    }

    @Test
    void prioritiesOrderTheQueueAndLimitChangesApplyAtRunTime() {
        f.cluster.modify(Map.of("max_running_jobs", 1));
        f.queue.reschedule();
        long blocker = f.queue.submit(List.of(GateOp.op("first")));
        f.awaitStarted("first");
        long low = f.queue.submit(List.of(GateOp.op("low").withPriority(OpCode.PRIORITY_LOW)));
        long normal = f.queue.submit(List.of(GateOp.op("normal")));
        long late = f.queue.submit(List.of(GateOp.op("late")));
        long high = f.queue.submit(List.of(GateOp.op("high").withPriority(OpCode.PRIORITY_HIGH)));
        assertThrows(GanetiException.class, () -> f.queue.changePriority(late, -20), "only -10, 0, 10 are valid");
        assertTrue(f.queue.changePriority(late, OpCode.PRIORITY_HIGH).success());
        f.gate.open("first");
        f.awaitStarted("late");
        f.gate.open("late");
        f.awaitStarted("high");
        assertEquals(1, f.gate.running.get());
        // raise the limit while jobs wait (through the opcode, ahead of them): both start without a restart
        long via = f.queue.submit(List.of(OpCode.of("OP_CLUSTER_SET_PARAMS", Map.of("max_running_jobs", 3))
                .withPriority(OpCode.PRIORITY_HIGH)));
        f.gate.open("high");
        assertEquals(JobStatus.success, f.awaitFinished(via).status());
        await().atMost(Duration.ofSeconds(20)).until(() -> f.gate.started.containsAll(List.of("normal", "low")));
        assertEquals(List.of("first", "late", "high"), f.gate.started.subList(0, 3));
        f.gate.open("normal");
        f.gate.open("low");
        for (long id : List.of(blocker, low, normal, high, late)) {
            assertEquals(JobStatus.success, f.awaitFinished(id).status());
        }
        assertEquals(2, f.gate.maxRunning.get(), "one at a time until the limit was raised, then two");
    }

    @Test
    void rateLimitBucketsCapConcurrentJobsOfALabel() {
        List<Long> ids = f.queue.submitMany(List.of(
                List.of(withReason(GateOp.op("r1"), "rate-limit:2:pink bunny")),
                List.of(withReason(GateOp.op("r2"), "rate-limit:2:pink bunny")),
                List.of(withReason(GateOp.op("r3"), "rate-limit:2:pink bunny")),
                List.of(GateOp.op("free"))));
        await().atMost(Duration.ofSeconds(20)).until(() -> f.gate.started.size() == 3);
        assertTrue(f.gate.started.contains("free"), "a job outside the bucket is not held back");
        assertFalse(f.gate.started.contains("r3"));
        assertEquals(JobStatus.queued, f.queue.job(ids.get(2)).orElseThrow().status());
        f.gate.open("r1");
        f.awaitStarted("r3");
        List.of("r2", "r3", "free").forEach(f.gate::open);
        ids.forEach(id -> assertEquals(JobStatus.success, f.awaitFinished(id).status()));
    }

    @Test
    void cancelInEachState() {
        String master = f.masterUuid();
        long holder = f.queue.submit(List.of(GateOp.locking("holder", master)));
        f.awaitStarted("holder");
        // waiting for a lock: canceled while it waits
        long waiter = f.queue.submit(List.of(GateOp.locking("never", master)));
        f.awaitStatus(waiter, JobStatus.waiting);
        assertTrue(f.queue.cancel(waiter).success());
        assertEquals(JobStatus.canceled, f.awaitFinished(waiter).status());
        // running, two opcodes: the running one stops cooperatively, the next is not run
        long running = f.queue.submit(List.of(GateOp.op("running"), GateOp.op("second")));
        f.awaitStarted("running");
        assertTrue(f.queue.cancel(running).success());
        Job r = f.awaitFinished(running);
        assertEquals(JobStatus.canceled, r.status());
        assertEquals(OpStatus.canceled, r.ops().get(1).status());
        assertFalse(f.gate.started.contains("second"));
        // queued (held back by a dependency): dequeued at once
        long queued = f.queue.submit(List.of(delay(0.001).withDepends(List.of(new JobDependency(holder, List.of())))));
        var result = f.queue.cancel(queued);
        assertTrue(result.success());
        assertEquals("Dequeued job " + queued, result.message());
        assertEquals(JobStatus.canceled, f.queue.job(queued).orElseThrow().status());
        // finished: refused
        f.gate.open("holder");
        f.awaitFinished(holder);
        assertFalse(f.queue.cancel(holder).success());
        assertFalse(f.queue.cancel(424242).success());
    }

    @Test
    void clusterVerifyExpandsIntoJobsThatInheritTheReasonTrail() {
        long id = f.queue.submit(List.of(withReason(OpCode.of("OP_CLUSTER_VERIFY", Map.of()), "nightly check")));
        Job parent = f.awaitFinished(id);
        assertEquals(JobStatus.success, parent.status());
        @SuppressWarnings("unchecked")
        List<List<Object>> jobs = (List<List<Object>>) ((Map<String, Object>) parent.ops().get(0).result()).get("jobs");
        assertEquals(2, jobs.size(), "one config job and one job for the default group");
        for (List<Object> entry : jobs) {
            assertEquals(true, entry.get(0));
            Job child = f.awaitFinished(((Number) entry.get(1)).longValue());
            assertEquals(JobStatus.success, child.status(), String.valueOf(child.ops().get(0).result()));
            List<ReasonEntry> trail = child.ops().get(0).input().reason();
            assertEquals("nightly check", trail.get(0).reason());
            assertEquals("gnt:opcode:cluster_verify", trail.get(1).source());
            assertTrue(trail.get(2).source().startsWith("gnt:opcode:cluster_verify_"));
        }
        Job group = f.queue.job(((Number) jobs.get(1).get(1)).longValue()).orElseThrow();
        assertTrue(group.ops().get(0).log().stream().anyMatch(l -> l.message().equals("* Verifying group 'default'")));
    }

    @Test
    void aFailingOpcodeFailsTheRestAndReportsGanetiErrors() {
        long id = f.queue.submit(List.of(delay(-1), delay(0.001)));
        Job j = f.awaitFinished(id);
        assertEquals(JobStatus.error, j.status());
        assertEquals(List.of("OpPrereqError", List.of("Duration must be greater than zero")), // no code, as Ganeti
                j.ops().get(0).result());
        assertEquals(List.of("OpExecError", List.of("Preceding opcode failed")), j.ops().get(1).result());
    }

    @Test
    void watchersSeeLogLinesAndTheFinalState() {
        long id = f.queue.submit(List.of(GateOp.op("w")));
        f.awaitStarted("w");
        JobChange change = f.queue.awaitChange(id, JobStatus.queued, 0, Duration.ofSeconds(10)).orElseThrow();
        assertEquals(List.of("gate w waiting"), change.newLog().stream().map(l -> l.message()).toList());
        long serial = change.newLog().get(0).serial();
        assertTrue(f.queue.awaitChange(id, JobStatus.running, serial, Duration.ofMillis(100)).isEmpty(),
                "nothing changed: JOB_NOTCHANGED after the timeout");
        f.gate.open("w");
        JobChange end = f.queue.awaitChange(id, JobStatus.running, serial, Duration.ofSeconds(10)).orElseThrow();
        assertEquals(JobStatus.success, end.job().status());
    }

    @Test
    void archiveKeepsJobsQueryableButOutOfTheCurrentList() {
        long a = f.queue.submit(List.of(delay(0.001)));
        long b = f.queue.submit(List.of(GateOp.op("arch")));
        f.awaitFinished(a);
        f.awaitStarted("arch");
        assertEquals(1, f.queue.archive(List.of(a, b)), "a running job is not archived");
        assertTrue(f.queue.job(a).orElseThrow().archived());
        assertEquals(List.of(b), f.queue.list(List.of(), false).stream().map(Job::id).toList());
        assertEquals(List.of(a, b), f.queue.list(List.of(), true).stream().map(Job::id).toList());
        f.gate.open("arch");
        f.awaitFinished(b);
        assertEquals(0, f.queue.autoArchive(Duration.ofHours(1), Duration.ofSeconds(5))[0]);
        assertEquals(1, f.queue.autoArchive(Duration.ZERO, Duration.ofSeconds(5))[0]);
    }

    @Test
    void afterARestartQueuedJobsRunAndRunningOnesEndInError() {
        long queuedBehind = f.queue.submit(List.of(GateOp.op("crash")));
        f.awaitStarted("crash");
        // simulate the master dying while "crash" runs: its stored state says running
        Job running = f.queue.job(queuedBehind).orElseThrow();
        f.queue.close();
        JobJournal journal = new JobJournal(dir.resolve(JobJournal.FILE_NAME), new org.garnet.core.internal.store.LogLink());
        Job stillRunning = new Job(running.id(), List.of(new org.garnet.api.jobs.QueuedOpCode(
                running.ops().get(0).input(), OpStatus.running, null, List.of(), 0, running.receivedTimestamp(),
                running.receivedTimestamp(), null)), running.receivedTimestamp(), running.receivedTimestamp(), null,
                false);
        Map<String, Object> params = new java.util.HashMap<>(Map.of("duration", 0.001, "on_master", true,
                "on_nodes", List.of(), "repeat", 0, "interruptible", false, "no_locks", true));
        params.put("on_node_uuids", null);
        OpCode stored = OpCode.of("OP_TEST_DELAY", params);
        Job queued = new Job(running.id() + 1, List.of(new org.garnet.api.jobs.QueuedOpCode(stored, OpStatus.queued,
                null, List.of(), 0, null, null, null)), running.receivedTimestamp(), null, null, false);
        journal.saveAll(List.of(stillRunning, queued));
        journal.close();
        f.open();
        Job failed = f.queue.job(running.id()).orElseThrow();
        assertEquals(JobStatus.error, failed.status());
        assertEquals(JobQueueImpl.MASTER_STOPPED, failed.ops().get(0).result());
        assertEquals(JobQueueImpl.RECOVERY_SOURCE, failed.ops().get(0).input().reason()
                .get(failed.ops().get(0).input().reason().size() - 1).source());
        assertEquals(JobStatus.success, f.awaitFinished(running.id() + 1).status());
        assertEquals(running.id() + 2, f.queue.submit(List.of(delay(0.001))), "ids continue after a restart");
    }

    @Test
    void opportunisticLockingRetriesOnTempNoresUntilEnoughIsFree() {
        long holder = f.queue.submit(List.of(GateOp.locking("hold-b", "B")));
        f.awaitStarted("hold-b");
        long opp = f.queue.submit(List.of(OpCode.of(OpportunisticOp.OP, Map.of("nodes", List.of("A", "B"),
                "need", 2))));
        await().atMost(Duration.ofSeconds(20)).until(() -> f.queue.job(opp).orElseThrow().ops().get(0).log()
                .stream().anyMatch(l -> l.message().contains("retrying")));
        assertFalse(f.queue.job(opp).orElseThrow().status().isFinalized(), "TEMP_NORES is retried, not fatal");
        f.gate.open("hold-b");
        Job done = f.awaitFinished(opp);
        assertEquals(JobStatus.success, done.status());
        assertEquals(List.of("A", "B"), done.ops().get(0).result());
        f.awaitFinished(holder);
        long alone = f.queue.submit(List.of(OpCode.of(OpportunisticOp.OP, Map.of("nodes", List.of("C"), "need", 1))));
        assertEquals(List.of("C"), f.awaitFinished(alone).ops().get(0).result());
    }

    /** After its bounded retries a job that keeps lacking locks waits for all it asked for, instead of failing. */
    @Test
    void opportunisticLockingEndsWaitingForEveryLock() {
        long holder = f.queue.submit(List.of(GateOp.locking("hold-b2", "B")));
        f.awaitStarted("hold-b2");
        long opp = f.queue.submit(List.of(OpCode.of(OpportunisticOp.OP, Map.of("nodes", List.of("A", "B"),
                "need", 2))));
        await().atMost(Duration.ofSeconds(30)).until(() -> f.queue.job(opp).orElseThrow().ops().get(0).log()
                .stream().anyMatch(l -> l.message().contains("retrying with all the locks asked for")));
        assertFalse(f.queue.job(opp).orElseThrow().status().isFinalized(), "it waits for B");
        f.gate.open("hold-b2");
        Job done = f.awaitFinished(opp);
        assertEquals(JobStatus.success, done.status());
        assertEquals(List.of("A", "B"), done.ops().get(0).result());
        f.awaitFinished(holder);
    }
}
