package org.garnet.core.internal.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.garnet.api.jobs.Job;

/**
 * The job queue's entries on the master candidates' log: one per group commit of the queue's writer (the jobs'
 * new states), an archival, or a clearing.
 */
final class QueueEntries {
    /** A job's row: its Ganeti JSON ({@code data}) and the columns the queue looks jobs up by. */
    record Row(long id, boolean archived, boolean finalized, Double endTime, String data) {
    }

    /** Every job removed first when {@code clear}; then {@code rows} written; then the jobs {@code archive}d. */
    record Entry(boolean clear, List<Row> rows, List<Long> archive) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private QueueEntries() {
    }

    static Row row(Job j) {
        Double end = j.endTimestamp() == null ? null
                : j.endTimestamp().seconds() + j.endTimestamp().micros() / 1e6;
        return new Row(j.id(), false, j.status().isFinalized(), end, JobCodec.toJson(j));
    }

    static byte[] encode(Entry e) {
        try {
            return MAPPER.writeValueAsBytes(e);
        } catch (IOException x) {
            throw new IllegalStateException("cannot encode a job queue entry", x);
        }
    }

    static Entry decode(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, Entry.class);
        } catch (IOException x) {
            throw new IllegalStateException("a job queue entry of the log cannot be read: " + x.getMessage(), x);
        }
    }
}
