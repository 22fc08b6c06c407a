package org.garnet.shell.internal.job;

import static org.garnet.shell.internal.format.GenericInfo.entry;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.LogEntry;
import org.garnet.api.jobs.QueuedOpCode;
import org.garnet.api.jobs.Timestamp;
import org.garnet.shell.internal.format.GenericInfo;
import org.garnet.shell.internal.format.PyStr;
import org.garnet.shell.internal.format.Times;

/** {@code gnt-job info JOB-ID...}: Ganeti's {@code ShowJobs} blocks (timestamps, deltas, opcodes, logs). */
@Service
@Command(scope = "gnt.job", name = "info", description = "Show detailed information about given job(s)")
public class InfoCommand implements Action {
    @Reference
    JobQueue queue;

    @Argument(name = "job-id", required = true, multiValued = true, description = "Jobs to show")
    List<String> ids;

    @Override
    public Object execute() {
        List<Object> blocks = new ArrayList<>();
        for (long id : JobIds.parse(ids)) {
            Job job = queue.list(List.of(id), true).stream().findFirst().orElse(null);
            if (job == null) {
                blocks.add("Job ID " + id + " not found");
                continue;
            }
            List<GenericInfo.Entry> info = new ArrayList<>();
            info.add(entry("Job ID", id));
            info.add(entry("Status", job.status().name()));
            // Ganeti aligns the time stamps after "Processing start:"
            info.add(entry("Received", "        " + stamp(job.receivedTimestamp(), null)));
            info.add(entry("Processing start", stamp(job.startTimestamp(), job.receivedTimestamp())));
            info.add(entry("Processing end", "  " + stamp(job.endTimestamp(), job.startTimestamp())));
            info.add(entry("Total processing time", job.endTimestamp() != null && job.receivedTimestamp() != null
                    ? String.format("%.6f seconds", delta(job.receivedTimestamp(), job.endTimestamp())) : "N/A"));
            List<Object> ops = new ArrayList<>();
            for (QueuedOpCode op : job.ops()) {
                List<GenericInfo.Entry> o = new ArrayList<>();
                o.add(entry("Opcode", op.input().opId()));
                o.add(entry("Status", op.status().name()));
                o.add(entry("Processing start", opStamp(op.startTimestamp())));
                o.add(entry("Execution start", " " + opStamp(op.execTimestamp())));
                o.add(entry("Processing end", "  " + opStamp(op.endTimestamp())));
                o.add(entry("Input fields", PyStr.wholeNumbers(org.garnet.shell.internal.jobs.OpCodeMaps.input(
                        op.input()))));
                o.add(entry("Result", op.result() == null ? "None" : PyStr.wholeNumbers(op.result())));
                List<Object> log = new ArrayList<>();
                for (LogEntry e : op.log()) {
                    log.add(List.of(entry("Time", Times.timestamp(List.of(e.timestamp().seconds(),
                                    e.timestamp().micros()))),
                            entry("Content", "[" + e.serial() + ", " + PyStr.of(e.type()) + ", "
                                    + PyStr.of(e.message()) + "]")));
                }
                o.add(entry("Execution log", log));
                ops.add(o);
            }
            info.add(entry("Opcodes", ops));
            blocks.add(info);
        }
        System.out.println(GenericInfo.format(blocks));
        return null;
    }

    private static String stamp(Timestamp ts, Timestamp prior) {
        if (ts == null) {
            return "unknown (None)";
        }
        String s = Times.timestamp(List.of(ts.seconds(), ts.micros()));
        return prior == null ? s : s + String.format(" (delta %.6fs)", delta(prior, ts));
    }

    private static String opStamp(Timestamp ts) {
        return ts == null ? "N/A" : Times.timestamp(List.of(ts.seconds(), ts.micros()));
    }

    private static double delta(Timestamp a, Timestamp b) {
        return (b.seconds() - a.seconds()) + (b.micros() - a.micros()) / 1e6;
    }
}
