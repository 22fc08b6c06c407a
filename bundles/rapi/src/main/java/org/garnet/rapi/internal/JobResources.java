package org.garnet.rapi.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.garnet.api.jobs.CancelResult;
import org.garnet.api.jobs.JobChange;
import org.garnet.api.jobs.JobStatus;

/** {@code /2/jobs}, {@code /2/jobs/N} (GET, DELETE = cancel) and {@code /2/jobs/N/wait}. */
final class JobResources {
    private static final List<String> FIELDS_BULK = List.of("id", "ops", "status", "summary", "opstatus",
            "received_ts", "start_ts", "end_ts");
    private static final List<String> FIELDS = List.of("id", "ops", "status", "summary", "opstatus",
            "received_ts", "start_ts", "end_ts", "oplog", "opresult");
    /** Ganeti's {@code _WFJC_TIMEOUT}: a wait answers {@code null} after this long without a change. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Backend b;

    private JobResources(Backend b) {
        this.b = b;
    }

    static void addTo(Routes routes, Backend b) {
        JobResources r = new JobResources(b);
        routes.add("/2/jobs", "jobs").get(c -> b.list(c, "job", "id", "/2/jobs/", FIELDS_BULK));
        routes.add("/2/jobs/" + Routes.ID, "jobs_id")
                .get(c -> b.one("job", Long.toString(id(c)), FIELDS))
                .delete(c -> {
                    CancelResult res = b.jobs.cancel(id(c));
                    return List.of(res.success(), res.message());
                });
        routes.add("/2/jobs/" + Routes.ID + "/wait", "jobs_id_wait").on("GET", Route.WRITE, r::waitForChange);
    }

    /** The job id of the path; one too large to be a job's is a job that does not exist (404). */
    private static long id(Call c) {
        try {
            return Long.parseLong(c.param(0));
        } catch (NumberFormatException e) {
            throw new RapiError(404, "Job " + c.param(0) + " not found");
        }
    }

    /** Ganeti's {@code WaitForJobChangeOnce} over RAPI: null when nothing changed within 10 s. */
    private Object waitForChange(Call c) {
        long id = id(c);
        Object fieldsObj = c.bodyParam("fields", null);
        Object prev = c.bodyParam("previous_job_info", null);
        Object serialObj = c.bodyParam("previous_log_serial", null);
        if (!(fieldsObj instanceof List<?> fl)) {
            throw new RapiError(400, "The 'fields' parameter should be a list");
        }
        if (prev != null && !(prev instanceof List)) {
            throw new RapiError(400, "The 'previous_job_info' parameter should be a list");
        }
        if (serialObj != null && !(serialObj instanceof Integer || serialObj instanceof Long)) {
            throw new RapiError(400, "The 'previous_log_serial' parameter should be a number");
        }
        List<String> fields = fl.stream().map(String::valueOf).toList();
        JobStatus known = null;
        if (prev instanceof List<?> p && p.size() == fields.size() && fields.contains("status")) {
            Object st = p.get(fields.indexOf("status"));
            try {
                known = st == null ? null : JobStatus.valueOf(String.valueOf(st));
            } catch (IllegalArgumentException e) {
                known = null;
            }
        }
        long serial = serialObj instanceof Number n ? n.longValue() : 0;
        if (b.jobs.job(id).isEmpty()) {
            throw new RapiError(404, "Job " + id + " not found");
        }
        Optional<JobChange> change = b.jobs.awaitChange(id, known, serial, WAIT);
        if (change.isEmpty()) {
            return null;
        }
        Map<String, Object> row = b.one("job", Long.toString(id), fields);
        List<Object> info = new ArrayList<>();
        fields.forEach(f -> info.add(row.get(f)));
        List<Object> log = new ArrayList<>();
        change.get().newLog().forEach(e -> log.add(List.of(e.serial(), List.of(e.timestamp().seconds(),
                e.timestamp().micros()), e.type(), e.message())));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job_info", info);
        out.put("log_entries", log);
        return out;
    }
}
