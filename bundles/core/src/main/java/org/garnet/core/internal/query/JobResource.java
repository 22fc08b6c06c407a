package org.garnet.core.internal.query;

import static org.garnet.api.query.FieldKind.bool;
import static org.garnet.api.query.FieldKind.number;
import static org.garnet.api.query.FieldKind.other;
import static org.garnet.api.query.FieldKind.text;

import java.util.ArrayList;
import java.util.List;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.QueuedOpCode;
import org.garnet.core.internal.jobs.JobCodec;
import org.garnet.core.internal.jobs.Summaries;

/**
 * Ganeti's job query fields ({@code src/Ganeti/Query/Job.hs}): names, titles and values as {@code gnt-job list}
 * and RAPI show them. Rows are named by job id; named jobs are found even when archived.
 */
final class JobResource extends Resource<Job> {
    private final JobQueue jobs;

    JobResource(JobQueue jobs) {
        this.jobs = jobs;
        add(Field.of("id", "ID", number, "Job ID", Job::id));
        add(Field.of("status", "Status", text, "Job status", j -> j.status().name()));
        add(Field.of("priority", "Priority", number, "Current job priority", Job::priority));
        add(Field.of("archived", "Archived", bool, "Whether job is archived", Job::archived));
        add(Field.of("ops", "OpCodes", other, "List of all opcodes",
                j -> j.ops().stream().map(o -> (Object) JobCodec.opInput(o.input())).toList()));
        add(Field.of("opresult", "OpCode_result", other, "List of opcodes results",
                j -> j.ops().stream().map(QueuedOpCode::result).toList()));
        add(Field.of("opstatus", "OpCode_status", other, "List of opcodes status",
                j -> j.ops().stream().map(o -> o.status().name()).toList()));
        add(Field.of("oplog", "OpCode_log", other, "List of opcode output logs",
                j -> j.ops().stream().map(o -> o.log().stream().map(JobCodec::logEntry).toList()).toList()));
        add(Field.of("opstart", "OpCode_start", other, "List of opcode start timestamps (before acquiring locks)",
                j -> j.ops().stream().map(o -> (Object) JobCodec.ts(o.startTimestamp())).toList()));
        add(Field.of("opexec", "OpCode_exec", other, "List of opcode execution start timestamps (after acquiring"
                + " locks)", j -> j.ops().stream().map(o -> (Object) JobCodec.ts(o.execTimestamp())).toList()));
        add(Field.of("opend", "OpCode_end", other, "List of opcode execution end timestamps",
                j -> j.ops().stream().map(o -> (Object) JobCodec.ts(o.endTimestamp())).toList()));
        add(Field.of("oppriority", "OpCode_prio", other, "List of opcode priorities",
                j -> j.ops().stream().map(QueuedOpCode::priority).toList()));
        add(Field.of("summary", "Summary", other, "List of per-opcode summaries",
                j -> j.ops().stream().map(o -> Summaries.of(o.input())).toList()));
        add(Field.of("received_ts", "Received", other, "Timestamp of when job was received",
                j -> JobCodec.ts(j.receivedTimestamp())));
        add(Field.of("start_ts", "Start", other, "Timestamp of job start", j -> JobCodec.ts(j.startTimestamp())));
        add(Field.of("end_ts", "End", other, "Timestamp of job end", j -> JobCodec.ts(j.endTimestamp())));
    }

    @Override
    protected String word() {
        return "Job";
    }

    @Override
    protected String nameOf(Job row) {
        return Long.toString(row.id());
    }

    @Override
    protected List<Job> rows() {
        return jobs.list(List.of(), false);
    }

    @Override
    protected List<Job> select(List<String> names) {
        if (names.isEmpty()) {
            return rows();
        }
        List<Long> ids = new ArrayList<>();
        for (String n : names) {
            try {
                ids.add(Long.parseLong(n));
            } catch (NumberFormatException e) {
                throw GanetiException.prereq("Invalid job ID '" + n + "'", ErrorCode.ECODE_INVAL);
            }
        }
        List<Job> found = jobs.list(ids, true);
        List<Job> out = new ArrayList<>();
        for (long id : ids) {
            out.add(found.stream().filter(j -> j.id() == id).findFirst().orElseThrow(() ->
                    GanetiException.prereq("Job '" + id + "' not known", ErrorCode.ECODE_NOENT)));
        }
        return out;
    }
}
