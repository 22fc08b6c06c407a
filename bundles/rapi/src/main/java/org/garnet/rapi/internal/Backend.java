package org.garnet.rapi.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.ReasonEntry;
import org.garnet.api.config.ClusterService;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobChange;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.query.FieldDefinition;
import org.garnet.api.query.QueryResult;
import org.garnet.api.query.QueryService;
import org.garnet.api.query.ResultCell;
import org.garnet.api.query.ResultStatus;

/**
 * What the resource handlers share over the core services: lists and single objects from the query service
 * (the same one the shell uses), and job submission with the RAPI's reason trail and {@code dry-run}, the
 * opcodes validated by the queue before any job exists.
 */
final class Backend {
    /** How long a resource that runs a job for its answer ({@code /2/os}, console) waits for it. */
    static final Duration JOB_ANSWER_TIMEOUT = Duration.ofSeconds(60);

    final JobQueue jobs;
    final ClusterService cluster;
    final QueryService query;
    private final EncodedAnswers encoded = new EncodedAnswers();

    Backend(JobQueue jobs, ClusterService cluster, QueryService query) {
        this.jobs = jobs;
        this.cluster = cluster;
        this.query = query;
    }

    /** Ganeti's list resources: {@code [{id, uri}]}, or with {@code bulk} the given fields of every object. */
    Object list(Call c, String resource, String idField, String uri, List<String> bulkFields) {
        return list(c, resource, idField, uri, bulkFields, Map.of());
    }

    /** A list whose bulk rows have some values changed as Ganeti's RAPI changes them ({@code adjust} by field). */
    Object list(Call c, String resource, String idField, String uri, List<String> bulkFields,
                Map<String, UnaryOperator<Object>> adjust) {
        if (!c.args().flag("bulk")) {
            QueryResult r = query.query(resource, List.of(resource.equals("job") ? "id" : "name"), List.of());
            List<Object> out = new ArrayList<>();
            for (List<ResultCell> row : r.rows()) {
                Object id = row.get(0).value();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(idField, id);
                m.put("uri", uri + id);
                out.add(m);
            }
            return out;
        }
        List<String> fields = known(resource, bulkFields);
        Object version = query.version(resource);
        if (version == null) {
            return new BulkRows(query.query(resource, fields, List.of()), adjust);
        }
        return encoded.get(resource, fields, version,
                () -> new BulkRows(query.query(resource, fields, List.of()), adjust));
    }

    /** One object's fields; an unknown name is Ganeti's 404. */
    Map<String, Object> one(String resource, String name, List<String> fields) {
        try {
            List<Map<String, Object>> rows = rows(query.query(resource, known(resource, fields), List.of(name)));
            if (rows.isEmpty()) {
                throw new RapiError(404, RapiError.defaultExplain(404));
            }
            return rows.get(0);
        } catch (GanetiException e) {
            if (e.code() == ErrorCode.ECODE_NOENT) {
                throw new RapiError(404, RapiError.defaultExplain(404));
            }
            throw e;
        }
    }

    static Map<String, Object> adjusted(Map<String, Object> row, Map<String, UnaryOperator<Object>> adjust) {
        adjust.forEach((k, f) -> row.computeIfPresent(k, (key, v) -> f.apply(v)));
        return row;
    }

    List<String> known(String resource, List<String> fields) {
        List<String> have = query.fields(resource, List.of()).stream().map(FieldDefinition::name).toList();
        return fields.stream().filter(have::contains).toList();
    }

    static List<Map<String, Object>> rows(QueryResult r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<ResultCell> row : r.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                ResultCell cell = row.get(i);
                m.put(r.fields().get(i).name(), cell.status() == ResultStatus.NORMAL ? cell.value() : null);
            }
            out.add(m);
        }
        return out;
    }

    Object submit(Call c, String opId, Map<String, Object> params) {
        return submitMany(c, List.of(OpCode.of(opId, params)));
    }

    /**
     * One job of these opcodes with the RAPI reason trail ({@code gnt:user} from {@code ?reason=}, then
     * {@code gnt:library:rlib2:<resource>}) and {@code ?dry-run=}; the queue validates every opcode (names, types,
     * allowed values) before a job exists, and a refusal is a 400. Answers the job id.
     */
    Object submitMany(Call c, List<OpCode> opcodes) {
        boolean dryRun = c.args().flag("dry-run");
        long now = System.currentTimeMillis() * 1_000_000L;
        List<ReasonEntry> trail = new ArrayList<>();
        if (c.args().has("reason")) {
            trail.add(new ReasonEntry("gnt:user", c.args().string("reason", ""), now));
        }
        trail.add(new ReasonEntry("gnt:library:rlib2:" + c.resource(), "", now));
        List<OpCode> ops = new ArrayList<>();
        try {
            for (OpCode o : opcodes) {
                if (o.params().containsKey("OP_ID")) {
                    throw new RapiError(400, "Invalid body parameters: 'OP_ID' is not a parameter of " + o.opId());
                }
                Map<String, Object> json = new LinkedHashMap<>(o.params());
                json.put("OP_ID", o.opId());
                OpCode op = jobs.parseOpCode(json);
                List<ReasonEntry> reason = new ArrayList<>(op.reason());
                reason.addAll(trail);
                ops.add(new OpCode(op.opId(), op.params(), op.comment(), op.priority(), op.depends(), reason,
                        dryRun || op.dryRun(), op.debugLevel()));
            }
            return jobs.submit(ops);
        } catch (GanetiException e) {
            if (e.errorClass().name().startsWith("JobQueue")) {
                throw e;
            }
            throw new RapiError(400, "Invalid body parameters: " + e.getMessage());
        }
    }

    /** Waits (bounded) for a job that computes a resource's answer; 504 when it does not end in time. */
    Job waitDone(long id) {
        long deadline = System.nanoTime() + JOB_ANSWER_TIMEOUT.toNanos();
        JobStatus known = null;
        while (System.nanoTime() < deadline) {
            Optional<JobChange> c = jobs.awaitChange(id, known, Long.MAX_VALUE, Duration.ofSeconds(5));
            if (c.isPresent()) {
                known = c.get().job().status();
                if (known.isFinalized()) {
                    return c.get().job();
                }
            }
        }
        throw new RapiError(504, "Job " + id + " did not finish within " + JOB_ANSWER_TIMEOUT.toSeconds() + " s");
    }

    /** Sets a parameter taken from the URL or query; the body must not set it too (Ganeti's rule). */
    static void putStatic(Map<String, Object> body, String key, Object value) {
        if (body.containsKey(key)) {
            throw new RapiError(400, "Can't overwrite static parameter '" + key + "'");
        }
        body.put(key, value);
    }

    /** Ganeti's renamed body parameters: the old name is accepted, both together are a 400. */
    static void rename(Map<String, Object> body, String from, String to) {
        if (body.containsKey(from)) {
            if (body.containsKey(to)) {
                throw new RapiError(400, "Parameter '" + from + "' was renamed to '" + to + "', but both are "
                        + "specified");
            }
            body.put(to, body.remove(from));
        }
    }
}
