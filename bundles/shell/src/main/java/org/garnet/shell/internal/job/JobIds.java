package org.garnet.shell.internal.job;

import java.util.ArrayList;
import java.util.List;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.JobStatus;

/** Job id arguments and Ganeti's {@code --pending/--queued/--waiting} selections. */
final class JobIds {
    private JobIds() {
    }

    static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw GanetiException.prereq("Invalid job ID '" + s + "'", ErrorCode.ECODE_INVAL);
        }
    }

    static List<Long> parse(List<String> args) {
        List<Long> out = new ArrayList<>();
        if (args != null) {
            args.forEach(a -> out.add(parse(a)));
        }
        return out;
    }

    /** Ids of unarchived jobs in the selected pending states. */
    static List<Long> select(JobQueue queue, boolean pending, boolean queued, boolean waiting) {
        List<Long> out = new ArrayList<>();
        for (Job j : queue.list(List.of(), false)) {
            JobStatus s = j.status();
            if (pending && (s == JobStatus.queued || s == JobStatus.waiting || s == JobStatus.canceling)
                    || queued && s == JobStatus.queued || waiting && s == JobStatus.waiting) {
                out.add(j.id());
            }
        }
        return out;
    }

    /** The table Ganeti shows before asking: id, status, summary. */
    static void printTable(JobQueue queue, List<Long> ids) {
        List<List<String>> rows = new ArrayList<>();
        for (Job j : queue.list(ids, false)) {
            rows.add(List.of(Long.toString(j.id()), j.status().name(), String.join(",", j.ops().stream()
                    .map(o -> o.input().opId().replaceFirst("^OP_", "")).toList())));
        }
        org.garnet.shell.internal.format.TextTable.print(List.of("ID", "Status", "Summary"), rows, null, true);
    }
}
