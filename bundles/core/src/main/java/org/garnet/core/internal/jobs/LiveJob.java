package org.garnet.core.internal.jobs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobDependency;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.LogEntry;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.jobs.OpStatus;
import org.garnet.api.jobs.QueuedOpCode;
import org.garnet.api.jobs.Timestamp;

/**
 * A job the queue still works on: its opcodes' mutable state. Every method is synchronized on the job; the
 * scheduler and the job's worker change it, readers take {@link #snapshot()}s. {@link #version()} grows on every
 * change so watchers can wait for one.
 */
final class LiveJob {
    static final class Op {
        OpCode input;
        OpStatus status = OpStatus.queued;
        Object result;
        final List<LogEntry> log = new ArrayList<>();
        int priority;
        Timestamp start;
        Timestamp exec;
        Timestamp end;

        Op(OpCode input) {
            this.input = input;
            this.priority = input.priority();
        }
    }

    final long id;
    final List<Op> ops = new ArrayList<>();
    final Set<String> buckets;
    final Set<Long> dependencies;
    private final Timestamp received;
    private Timestamp start;
    private Timestamp end;
    private long version;
    private long logSerial;
    private boolean cancelRequested;
    private boolean durable;

    LiveJob(long id, List<OpCode> inputs, Timestamp received) {
        this.id = id;
        this.received = received;
        inputs.forEach(o -> ops.add(new Op(o)));
        this.buckets = RateLimits.buckets(inputs);
        Set<Long> deps = new LinkedHashSet<>();
        for (OpCode o : inputs) {
            for (JobDependency d : o.depends()) {
                deps.add(d.jobId());
            }
        }
        this.dependencies = Set.copyOf(deps);
    }

    /** Rebuilds the live state of a stored unfinished job (after a restart). */
    static LiveJob restore(Job job) {
        LiveJob live = new LiveJob(job.id(), job.ops().stream().map(QueuedOpCode::input).toList(),
                job.receivedTimestamp());
        for (int i = 0; i < job.ops().size(); i++) {
            QueuedOpCode q = job.ops().get(i);
            Op op = live.ops.get(i);
            op.status = q.status();
            op.result = q.result();
            op.log.addAll(q.log());
            op.priority = q.priority();
            op.start = q.startTimestamp();
            op.exec = q.execTimestamp();
            op.end = q.endTimestamp();
            live.logSerial = Math.max(live.logSerial, q.log().stream().mapToLong(LogEntry::serial).max().orElse(0));
        }
        live.start = job.startTimestamp();
        live.end = job.endTimestamp();
        return live;
    }

    synchronized Job snapshot() {
        List<QueuedOpCode> out = new ArrayList<>(ops.size());
        for (Op op : ops) {
            out.add(new QueuedOpCode(op.input, op.status, op.result, List.copyOf(op.log), op.priority, op.start,
                    op.exec, op.end));
        }
        return new Job(id, out, received, start, end, false);
    }

    synchronized JobStatus status() {
        return JobStatus.of(ops.stream().map(o -> o.status).toList());
    }

    /** Ganeti: the minimum priority of the unfinished opcodes. */
    synchronized int priority() {
        return ops.stream().filter(o -> !o.status.isFinalized()).mapToInt(o -> o.priority).min()
                .orElse(OpCode.PRIORITY_NORMAL);
    }

    synchronized long version() {
        return version;
    }

    synchronized long logSerial() {
        return logSerial;
    }

    synchronized boolean cancelRequested() {
        return cancelRequested;
    }

    synchronized void requestCancel() {
        cancelRequested = true;
        for (Op op : ops) {
            if (op.status == OpStatus.waiting || op.status == OpStatus.queued && start != null) {
                op.status = OpStatus.canceling;
            }
        }
        changed();
    }

    synchronized void started() {
        if (start == null) {
            start = Timestamp.now();
        }
        changed();
    }

    synchronized void opWaiting(int index) {
        Op op = ops.get(index);
        op.status = cancelRequested ? OpStatus.canceling : OpStatus.waiting;
        op.start = Timestamp.now();
        changed();
    }

    synchronized void opRunning(int index) {
        Op op = ops.get(index);
        op.status = OpStatus.running;
        if (op.exec == null) {
            op.exec = Timestamp.now();
        }
        changed();
    }

    /** The opcode holds its locks: its execution starts (Ganeti's exec timestamp, set before CheckPrereq). */
    synchronized void opLocked(int index) {
        ops.get(index).exec = Timestamp.now();
        changed();
    }

    synchronized void opInput(int index, OpCode input) {
        ops.get(index).input = input;
    }

    /** A parameter the logical unit filled in, added to the opcode's input (kept when already given). */
    synchronized void recordParam(int index, String name, Object value) {
        Op op = ops.get(index);
        if (op.input.params().get(name) == null && value != null) {
            java.util.Map<String, Object> params = new java.util.LinkedHashMap<>(op.input.params());
            params.put(name, value);
            op.input = op.input.withParams(params);
            changed();
        }
    }

    synchronized void opFinished(int index, OpStatus status, Object result) {
        opFinished(index, status, result, null);
    }

    /**
     * Ends opcode {@code index}; when it ended in error or canceled, the opcodes after it end the same way at the
     * same moment, with {@code restResult} (Ganeti's MarkUnfinishedOps in one update), so nobody ever sees a job
     * that is final with opcodes still queued.
     */
    synchronized void opFinished(int index, OpStatus status, Object result, Object restResult) {
        Timestamp now = Timestamp.now();
        Op op = ops.get(index);
        op.status = status;
        op.result = result;
        op.end = now;
        if (status == OpStatus.error || status == OpStatus.canceled) {
            for (Op later : ops.subList(index + 1, ops.size())) {
                if (!later.status.isFinalized()) {
                    later.status = status;
                    later.result = restResult;
                    later.end = now;
                }
            }
        }
        changed();
    }

    /** Marks every unfinished opcode with {@code status}/{@code result} and ends the job. */
    synchronized void finishRemaining(OpStatus status, Object result) {
        Timestamp now = Timestamp.now();
        for (Op op : ops) {
            if (!op.status.isFinalized()) {
                op.status = status;
                op.result = result;
                op.end = now;
            }
        }
        end = now;
        changed();
    }

    synchronized void log(int index, String type, String message) {
        ops.get(index).log.add(new LogEntry(++logSerial, Timestamp.now(), type, message));
        changed();
    }

    synchronized void changePriority(int priority) {
        for (Op op : ops) {
            if (!op.status.isFinalized()) {
                op.priority = priority;
            }
        }
        changed();
    }

    synchronized void raisePriority(int index) {
        Op op = ops.get(index);
        op.priority = Math.max(-20, op.priority - 1);
        changed();
    }

    synchronized boolean isFinished() {
        return end != null;
    }

    /** The final state is on disk: watchers may now be told. */
    synchronized void markDurable() {
        durable = true;
        changed();
    }

    synchronized boolean isDurable() {
        return durable;
    }

    synchronized JobStatus durableStatus() {
        return status();
    }

    /** After a restart: opcodes that were waiting for locks or dependencies are queued again. */
    synchronized void resetWaiting() {
        for (Op op : ops) {
            if (op.status == OpStatus.waiting || op.status == OpStatus.canceling) {
                op.status = OpStatus.queued;
            }
        }
    }

    /** Ganeti's {@code failQueuedJob}: unfinished opcodes end in error with {@code message}, reason appended. */
    synchronized void failUnfinished(org.garnet.api.ReasonEntry reason, String message) {
        Timestamp now = Timestamp.now();
        for (Op op : ops) {
            if (!op.status.isFinalized()) {
                List<org.garnet.api.ReasonEntry> trail = new ArrayList<>(op.input.reason());
                trail.add(reason);
                op.input = op.input.withReason(trail);
                op.status = OpStatus.error;
                op.result = message;
                op.end = now;
            }
        }
        end = now;
        changed();
    }

    private void changed() {
        version++;
        notifyAll();
    }

    /** Waits (bounded by {@code deadlineNanos}) until the version passes {@code known}. */
    synchronized void awaitVersion(long known, long deadlineNanos) throws InterruptedException {
        while (version == known) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000), 0);
        }
    }
}
