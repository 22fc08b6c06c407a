package org.garnet.shell.internal.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Option;
import org.garnet.api.ErrorClass;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.ReasonEntry;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobChange;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.LogEntry;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.jobs.OpStatus;
import org.garnet.api.jobs.QueuedOpCode;
import org.garnet.shell.internal.format.Times;

/**
 * A gnt command that submits a job, with Ganeti's common job options ({@code --submit}, {@code --print-jobid},
 * {@code --priority}, {@code --reason}, {@code --dry-run}, {@code --debug}): it builds the reason trail as
 * Ganeti's CLI does ({@code gnt:user} with the reason, then {@code gnt:client:<tool>} with the command), submits,
 * and either prints {@code JobID: N} or follows the job, printing its log lines as they come.
 */
public abstract class JobAction implements Action {
    @Option(name = "--submit", description = "Submit the job and return the job ID, but don't wait for the job "
            + "to finish")
    protected boolean submitOnly;
    @Option(name = "--print-jobid", description = "Additionally print the job as first line on stdout (for "
            + "scripting).")
    boolean printJobId;
    @Option(name = "--priority", description = "Priority for opcode processing (low|normal|high)")
    String priority;
    @Option(name = "--reason", description = "The reason for executing the command")
    String reason;
    @Option(name = "--dry-run", description = "Do not execute the operation, just run the check steps and "
            + "verify if it could be executed")
    boolean dryRun;
    @Option(name = "--debug", aliases = "-d", description = "Increase debugging level")
    boolean debug;

    /** {@code gnt-debug}, ...: the tool name for the reason trail. */
    protected abstract String tool();

    /** {@code delay}, ...: the command name for the reason trail. */
    protected abstract String command();

    /** Applies the common options to the opcodes. */
    protected List<OpCode> prepare(List<OpCode> ops) {
        int prio = Priorities.parse(priority);
        long now = System.currentTimeMillis() * 1_000_000L;
        List<OpCode> out = new ArrayList<>();
        for (OpCode op : ops) {
            List<ReasonEntry> trail = new ArrayList<>(op.reason());
            if (reason != null) {
                trail.add(new ReasonEntry("gnt:user", reason, now));
            }
            trail.add(new ReasonEntry("gnt:client:" + tool(), command(), now));
            out.add(new OpCode(op.opId(), op.params(), op.comment(), priority == null ? op.priority() : prio,
                    op.depends(), trail, dryRun || op.dryRun(), debug ? 1 : op.debugLevel()));
        }
        return out;
    }

    /**
     * Submits one job of {@code ops}; with {@code --submit} prints {@code JobID: N} and returns null, else
     * follows it and returns its opcode results (or throws the error of its failed opcode).
     */
    protected List<Object> runJob(JobQueue queue, List<OpCode> ops) {
        long id = queue.submit(prepare(ops));
        if (submitOnly) {
            org.garnet.shell.internal.format.Streams.err().println("JobID: " + id); // Ganeti: on stderr
            return null;
        }
        if (printJobId) {
            System.out.println(id);
        }
        return follow(queue, id);
    }

    /** Prints the job's log lines as Ganeti's CLI does until it ends; returns its results or throws. */
    public static List<Object> follow(JobQueue queue, long id) {
        JobStatus known = null;
        long serial = 0;
        Job job;
        while (true) {
            JobChange change = queue.awaitChange(id, known, serial, Duration.ofSeconds(30)).orElse(null);
            if (change == null) {
                continue;
            }
            for (LogEntry e : change.newLog()) {
                System.out.println(Times.ctime(e.timestamp()) + " " + e.message());
                serial = Math.max(serial, e.serial());
            }
            job = change.job();
            known = job.status();
            if (known.isFinalized()) {
                break;
            }
        }
        return results(job);
    }

    /** Ganeti's {@code GenericPollJob} ending: results on success, else the first failed opcode's error. */
    public static List<Object> results(Job job) {
        JobStatus status = job.status();
        if (status == JobStatus.success) {
            return job.ops().stream().map(QueuedOpCode::result).toList();
        }
        if (status == JobStatus.canceled || status == JobStatus.canceling) {
            throw new GanetiException(ErrorClass.JobCanceled, "Job was canceled", null);
        }
        boolean hasOk = false;
        for (int i = 0; i < job.ops().size(); i++) {
            QueuedOpCode op = job.ops().get(i);
            if (op.status() == OpStatus.success) {
                hasOk = true;
            } else if (op.status() == OpStatus.error) {
                GanetiException e = decode(op.result());
                if (e != null) {
                    throw e;
                }
                throw GanetiException.exec(hasOk ? "partial failure (opcode " + i + "): " + op.result()
                        : String.valueOf(op.result()));
            }
        }
        throw GanetiException.exec(String.valueOf(job.ops().stream().map(QueuedOpCode::result).toList()));
    }

    /** Reads Ganeti's encoded error {@code [class, [message, code]]}; null when the result is not one. */
    static GanetiException decode(Object result) {
        if (!(result instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof String cls)
                || !(l.get(1) instanceof List<?> args) || args.isEmpty()) {
            return null;
        }
        ErrorClass ec;
        try {
            ec = ErrorClass.valueOf(cls);
        } catch (IllegalArgumentException e) {
            ec = ErrorClass.GenericError;
        }
        ErrorCode code = null;
        if (args.size() > 1) {
            for (ErrorCode c : ErrorCode.values()) {
                if (c.wireName().equals(args.get(1))) {
                    code = c;
                }
            }
        }
        return new GanetiException(ec, String.valueOf(args.get(0)), code);
    }

    static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
