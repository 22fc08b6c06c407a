package org.garnet.core.internal.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.ReasonEntry;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobDependency;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.LogEntry;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.jobs.OpStatus;
import org.garnet.api.jobs.QueuedOpCode;
import org.garnet.api.jobs.Timestamp;
import org.garnet.core.internal.Json;

/**
 * Jobs and opcodes in Ganeti's JSON shape (its job files, LUXI and RAPI): opcodes as {@code {"OP_ID": ...,
 * params..., "priority", "depends", "reason", ...}}, timestamps as {@code [sec, usec]}, log entries as
 * {@code [serial, [sec, usec], type, message]}, dependencies as {@code [job_id, [statuses]]}.
 */
public final class JobCodec {
    public static final String OP_ID = "OP_ID";
    private static final List<String> COMMON = List.of(OP_ID, "comment", "priority", "depends", "reason",
            "dry_run", "debug_level");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private JobCodec() {
    }

    /** An opcode's JSON form (parameters, then the common ones; {@code comment} and {@code depends} null when unset). */
    public static Map<String, Object> opInput(OpCode op) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(OP_ID, op.opId());
        op.params().forEach((k, v) -> {
            if (v != null) { // Ganeti's serialised opcodes leave out the parameters that are unset
                m.put(k, v);
            }
        });
        m.put("comment", op.comment());
        m.put("priority", op.priority());
        m.put("depends", op.depends().isEmpty() ? null : op.depends().stream().map(d -> List.of(d.jobId(),
                d.allowed().stream().map(JobStatus::name).toList())).toList());
        m.put("reason", op.reason().stream().map(r -> List.of(r.source(), r.reason(), r.timestampNs())).toList());
        m.put("dry_run", op.dryRun());
        m.put("debug_level", op.debugLevel());
        return m;
    }

    /**
     * Reads an opcode from its JSON form, checking the common parameters; the opcode's own parameters are
     * checked against its definition later.
     */
    public static OpCode parseOp(Map<String, Object> m) {
        Object id = m.get(OP_ID);
        if (!(id instanceof String opId) || opId.isEmpty()) {
            throw invalid("Opcode is missing its OP_ID (a string)");
        }
        Map<String, Object> params = new LinkedHashMap<>(m);
        COMMON.forEach(params::remove);
        Object comment = m.get("comment");
        if (comment != null && !(comment instanceof String)) {
            throw invalid("Parameter 'comment' must be a string");
        }
        int priority = OpCode.PRIORITY_NORMAL;
        if (m.get("priority") != null) {
            if (!(m.get("priority") instanceof Integer p) || p < -20 || p > 19) {
                throw invalid("Parameter 'priority' must be an integer from -20 to 19, got " + m.get("priority"));
            }
            priority = p;
        }
        boolean dryRun = false;
        if (m.get("dry_run") != null) {
            if (!(m.get("dry_run") instanceof Boolean b)) {
                throw invalid("Parameter 'dry_run' must be a boolean");
            }
            dryRun = b;
        }
        int debug = 0;
        if (m.get("debug_level") != null) {
            if (!(m.get("debug_level") instanceof Integer d) || d < 0) {
                throw invalid("Parameter 'debug_level' must be a non-negative integer");
            }
            debug = d;
        }
        return new OpCode(opId, params, (String) comment, priority, parseDepends(m.get("depends")),
                parseReason(m.get("reason")), dryRun, debug);
    }

    private static List<JobDependency> parseDepends(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw invalid("Parameter 'depends' must be a list of [job_id, [statuses]]");
        }
        List<JobDependency> out = new ArrayList<>();
        for (Object e : list) {
            if (!(e instanceof List<?> pair) || pair.size() != 2 || !(pair.get(1) instanceof List<?> sts)) {
                throw invalid("Parameter 'depends' must be a list of [job_id, [statuses]], got " + e);
            }
            long jobId = jobId(pair.get(0));
            List<JobStatus> allowed = new ArrayList<>();
            for (Object s : sts) {
                JobStatus st = s instanceof String str ? statusOrNull(str) : null;
                if (st == null || !st.isFinalized()) {
                    throw invalid("Parameter 'depends': status " + s + " is not one of success, error, canceled");
                }
                allowed.add(st);
            }
            out.add(new JobDependency(jobId, allowed));
        }
        return out;
    }

    private static long jobId(Object v) {
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof String s && s.matches("\\d+")) {
            return Long.parseLong(s);
        }
        throw invalid("Parameter 'depends': job id " + v + " is not an integer");
    }

    private static JobStatus statusOrNull(String s) {
        try {
            return JobStatus.valueOf(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<ReasonEntry> parseReason(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw invalid("Parameter 'reason' must be a list of [source, reason, timestamp]");
        }
        List<ReasonEntry> out = new ArrayList<>();
        for (Object e : list) {
            if (!(e instanceof List<?> t) || t.size() != 3 || !(t.get(0) instanceof String src)
                    || !(t.get(1) instanceof String why) || !(t.get(2) instanceof Number ts)) {
                throw invalid("Parameter 'reason' must be a list of [source, reason, timestamp], got " + e);
            }
            out.add(new ReasonEntry(src, why, ts.longValue()));
        }
        return out;
    }

    /** A job in Ganeti's job-file shape. */
    public static Map<String, Object> jobMap(Job job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", job.id());
        List<Object> ops = new ArrayList<>();
        for (QueuedOpCode op : job.ops()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("input", opInput(op.input()));
            o.put("status", op.status().name());
            o.put("result", op.result());
            o.put("log", op.log().stream().map(JobCodec::logEntry).toList());
            o.put("priority", op.priority());
            o.put("start_timestamp", ts(op.startTimestamp()));
            o.put("exec_timestamp", ts(op.execTimestamp()));
            o.put("end_timestamp", ts(op.endTimestamp()));
            ops.add(o);
        }
        m.put("ops", ops);
        m.put("received_timestamp", ts(job.receivedTimestamp()));
        m.put("start_timestamp", ts(job.startTimestamp()));
        m.put("end_timestamp", ts(job.endTimestamp()));
        return m;
    }

    public static String toJson(Job job) {
        try {
            return Json.mapper().writeValueAsString(jobMap(job));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job " + job.id() + " cannot be written: " + e.getMessage(), e);
        }
    }

    /** Reads a job written by {@link #toJson}. */
    @SuppressWarnings("unchecked")
    public static Job fromJson(String json, boolean archived) {
        Map<String, Object> m;
        try {
            m = Json.mapper().readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job file cannot be read: " + e.getMessage(), e);
        }
        List<QueuedOpCode> ops = new ArrayList<>();
        for (Object o : (List<Object>) m.get("ops")) {
            Map<String, Object> q = (Map<String, Object>) o;
            List<LogEntry> log = new ArrayList<>();
            for (Object e : (List<Object>) q.get("log")) {
                List<Object> l = (List<Object>) e;
                log.add(new LogEntry(((Number) l.get(0)).longValue(), parseTs(l.get(1)), (String) l.get(2),
                        String.valueOf(l.get(3))));
            }
            ops.add(new QueuedOpCode(parseOp((Map<String, Object>) q.get("input")),
                    OpStatus.valueOf((String) q.get("status")), q.get("result"), log,
                    ((Number) q.get("priority")).intValue(), parseTs(q.get("start_timestamp")),
                    parseTs(q.get("exec_timestamp")), parseTs(q.get("end_timestamp"))));
        }
        return new Job(((Number) m.get("id")).longValue(), ops, parseTs(m.get("received_timestamp")),
                parseTs(m.get("start_timestamp")), parseTs(m.get("end_timestamp")), archived);
    }

    public static List<Object> logEntry(LogEntry e) {
        return List.of(e.serial(), ts(e.timestamp()), e.type(), e.message());
    }

    public static List<Long> ts(Timestamp t) {
        return t == null ? null : List.of(t.seconds(), t.micros());
    }

    private static Timestamp parseTs(Object v) {
        if (!(v instanceof List<?> l) || l.size() != 2) {
            return null;
        }
        return new Timestamp(((Number) l.get(0)).longValue(), ((Number) l.get(1)).longValue());
    }

    static GanetiException invalid(String message) {
        return GanetiException.prereq(message, ErrorCode.ECODE_INVAL);
    }
}
