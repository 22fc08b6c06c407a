package org.garnet.api.jobs;

import static org.garnet.api.jobs.OpStatus.canceled;
import static org.garnet.api.jobs.OpStatus.canceling;
import static org.garnet.api.jobs.OpStatus.error;
import static org.garnet.api.jobs.OpStatus.queued;
import static org.garnet.api.jobs.OpStatus.running;
import static org.garnet.api.jobs.OpStatus.success;
import static org.garnet.api.jobs.OpStatus.waiting;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class JobStatusTest {
    @Test
    void allSuccessIsSuccess() {
        assertEquals(JobStatus.success, JobStatus.of(List.of(success, success)));
    }

    @Test
    void runningOpAfterSuccessMakesJobRunning() {
        assertEquals(JobStatus.running, JobStatus.of(List.of(success, running, queued)));
    }

    @Test
    void queuedOpsGiveQueued() {
        assertEquals(JobStatus.queued, JobStatus.of(List.of(queued, queued)));
        assertEquals(JobStatus.queued, JobStatus.of(List.of(success, queued)));
    }

    @Test
    void errorAndCancelDecideAtOnce() {
        assertEquals(JobStatus.error, JobStatus.of(List.of(success, error, canceled)));
        assertEquals(JobStatus.canceling, JobStatus.of(List.of(waiting, canceling)));
        assertEquals(JobStatus.canceled, JobStatus.of(List.of(canceled, error)));
    }

    @Test
    void jobPriorityIsMinimumOfUnfinishedOps() {
        OpCode op = OpCode.of("OP_TEST_DELAY", java.util.Map.of());
        Job job = new Job(1, List.of(new QueuedOpCode(op, success, null, List.of(), -20, null, null, null),
                new QueuedOpCode(op, queued, null, List.of(), 5, null, null, null),
                new QueuedOpCode(op, queued, null, List.of(), 3, null, null, null)), Timestamp.now(), null, null, false);
        assertEquals(3, job.priority());
        assertEquals(JobStatus.queued, job.status());
    }
}
