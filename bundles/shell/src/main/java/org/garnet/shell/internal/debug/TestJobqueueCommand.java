package org.garnet.shell.internal.debug;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.GanetiException;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobChange;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.LogEntry;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.jobs.OpStatus;
import org.garnet.api.jobs.QueuedOpCode;
import org.garnet.shell.internal.format.Times;
import org.garnet.shell.internal.jobs.JobAction;

/**
 * {@code gnt-debug test-jobqueue}: Ganeti's self-test of the queue. Submissions with an out-of-range priority
 * must be refused (alone and inside a multi-job submission); then jobs of {@code OP_TEST_JQUEUE} in four modes
 * (success, several successful opcodes, failure, partial failure) must deliver every test message in order,
 * end in the expected job and opcode statuses and return the expected number of results.
 */
@Service
@Command(scope = "gnt.debug", name = "test-jobqueue", description = "Test a few aspects of the job queue")
public class TestJobqueueCommand extends JobAction {
    private static final String PREFIX = "TESTMSG=";

    @Reference
    JobQueue queue;

    @Override
    protected String tool() {
        return "gnt-debug";
    }

    @Override
    protected String command() {
        return "test-jobqueue";
    }

    @Override
    public Object execute() {
        testSubmission();
        String[] names = {"Testing job success", "Testing multiple successful opcodes", "Testing job failure",
            "Testing partial job failure"};
        for (int mode = 0; mode < 4; mode++) {
            List<String> messages = List.of("Testing mode " + mode, "Hello World", "A", "", "B", "Foo|bar|baz",
                    Long.toString(System.currentTimeMillis()));
            boolean fail = mode >= 2;
            List<OpCode> ops = new ArrayList<>();
            List<OpStatus> expect = new ArrayList<>();
            int results;
            int messageRounds;
            switch (mode) {
                case 0 -> {
                    ops.add(jqueue(messages, false));
                    expect.add(OpStatus.success);
                    results = 1;
                    messageRounds = 1;
                }
                case 1 -> {
                    ops.add(jqueue(messages, false));
                    ops.add(jqueue(messages, false));
                    expect.addAll(List.of(OpStatus.success, OpStatus.success));
                    results = 2;
                    messageRounds = 2;
                }
                case 2 -> {
                    ops.add(jqueue(messages, true));
                    expect.add(OpStatus.error);
                    results = 0;
                    messageRounds = 1;
                }
                default -> {
                    ops.add(jqueue(messages, false));
                    ops.add(jqueue(messages, false));
                    ops.add(jqueue(messages, true));
                    ops.add(jqueue(messages, false));
                    expect.addAll(List.of(OpStatus.success, OpStatus.success, OpStatus.error, OpStatus.error));
                    results = 2;
                    messageRounds = 3;
                }
            }
            System.out.println(names[mode]);
            long id = queue.submit(prepare(ops));
            List<String> received = new ArrayList<>();
            Job job = followCollecting(id, received);
            List<Object> got = null;
            try {
                got = JobAction.results(job);
                if (fail) {
                    throw GanetiException.exec("Job didn't fail when it should");
                }
            } catch (GanetiException e) {
                if (!fail) {
                    throw e;
                }
                System.out.println("Ignoring error for 'job fail' test: " + e.getMessage());
            }
            if (!fail && got.size() != results) {
                throw GanetiException.exec("Received " + got.size() + " results (" + got + "), expected " + results);
            }
            List<String> all = new ArrayList<>();
            for (int i = 0; i < messageRounds; i++) {
                all.addAll(messages);
            }
            if (!received.equals(all)) {
                throw GanetiException.exec("Received test messages don't match input (input " + all
                        + ", received " + received + ")");
            }
            JobStatus want = fail ? JobStatus.error : JobStatus.success;
            if (job.status() != want) {
                throw GanetiException.exec("Final job status is " + job.status() + ", not " + want
                        + " as expected");
            }
            List<OpStatus> statuses = job.ops().stream().map(QueuedOpCode::status).toList();
            if (!statuses.equals(expect)) {
                throw GanetiException.exec("Opcode status is " + statuses + ", expected " + expect);
            }
        }
        System.out.println("Job queue test successful");
        return null;
    }

    private void testSubmission() {
        System.out.println("Testing job submission");
        List<Integer> bad = new ArrayList<>(List.of(19, -20));
        for (int valid : new int[] {-10, 0, 10, 19, -20}) {
            bad.add(valid - 1);
            bad.add(valid + 1);
        }
        for (int bad1 : bad) {
            int badPrio = bad1;
            OpCode op = delay().withPriority(badPrio);
            try {
                queue.submit(List.of(op));
                throw GanetiException.exec("Submitting opcode with priority " + badPrio + " did not fail when it should");
            } catch (GanetiException e) {
                if (e.getMessage().startsWith("Submitting opcode")) {
                    throw e;
                }
            }
            try {
                queue.submitMany(List.of(List.of(delay(), delay()), List.of(delay(), op)));
                throw GanetiException.exec("Submitting manyjobs with an incorrect one did not fail when it should.");
            } catch (GanetiException e) {
                if (e.getMessage().startsWith("Submitting manyjobs")) {
                    throw e;
                }
            }
        }
        System.out.println("Job submission tests were successful");
    }

    private Job followCollecting(long id, List<String> received) {
        JobStatus known = null;
        long serial = 0;
        while (true) {
            JobChange change = queue.awaitChange(id, known, serial, Duration.ofSeconds(30)).orElse(null);
            if (change == null) {
                continue;
            }
            for (LogEntry e : change.newLog()) {
                serial = Math.max(serial, e.serial());
                if (e.message().startsWith(PREFIX)) {
                    received.add(e.message().substring(PREFIX.length()));
                } else {
                    System.out.println(Times.ctime(e.timestamp()) + " " + e.message());
                }
            }
            known = change.job().status();
            if (known.isFinalized()) {
                return change.job();
            }
        }
    }

    private static OpCode delay() {
        return OpCode.of("OP_TEST_DELAY", Map.of("duration", 0.001, "on_master", false));
    }

    private static OpCode jqueue(List<String> messages, boolean fail) {
        return OpCode.of("OP_TEST_JQUEUE", Map.of("notify_waitlock", true, "notify_exec", true,
                "log_messages", messages, "fail", fail));
    }
}
