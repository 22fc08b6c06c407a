package org.garnet.core.internal.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.jobs.OpStatus;
import org.garnet.api.jobs.QueuedOpCode;
import org.garnet.api.jobs.Timestamp;
import org.junit.jupiter.api.Test;

/** A job's state as watchers see it: never final with opcodes still to run. */
class LiveJobTest {
    private static LiveJob threeOps() {
        OpCode op = OpCode.of("OP_TEST_DELAY", Map.of("duration", 0.0));
        return new LiveJob(7, List.of(op, op, op), Timestamp.now());
    }

    private static List<OpStatus> statuses(LiveJob job) {
        return job.snapshot().ops().stream().map(QueuedOpCode::status).toList();
    }

    @Test
    void anOpcodeInErrorEndsTheLaterOnesInTheSameStep() {
        LiveJob job = threeOps();
        job.started();
        job.opFinished(0, OpStatus.success, null);
        job.opFinished(1, OpStatus.error, "boom", "Preceding opcode failed");
        assertEquals(JobStatus.error, job.snapshot().status());
        assertEquals(List.of(OpStatus.success, OpStatus.error, OpStatus.error), statuses(job));
        assertEquals("Preceding opcode failed", job.snapshot().ops().get(2).result());
    }

    @Test
    void aCanceledOpcodeCancelsTheLaterOnesInTheSameStep() {
        LiveJob job = threeOps();
        job.started();
        job.opFinished(0, OpStatus.canceled, "canceled", "canceled");
        assertEquals(List.of(OpStatus.canceled, OpStatus.canceled, OpStatus.canceled), statuses(job));
    }

    @Test
    void aSuccessLeavesTheLaterOnesQueued() {
        LiveJob job = threeOps();
        job.started();
        job.opFinished(0, OpStatus.success, null);
        assertEquals(List.of(OpStatus.success, OpStatus.queued, OpStatus.queued), statuses(job));
    }
}
