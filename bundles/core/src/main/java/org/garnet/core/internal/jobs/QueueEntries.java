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
    private static final byte BINARY = 1;

    private QueueEntries() {
    }

    static Row row(Job j) {
        Double end = j.endTimestamp() == null ? null
                : j.endTimestamp().seconds() + j.endTimestamp().micros() / 1e6;
        return new Row(j.id(), false, j.status().isFinalized(), end, JobCodec.toJson(j));
    }

    /**
     * The entry in binary: a format byte, then the clear flag, the rows (id, flags, end time, the job's JSON in
     * UTF-8) and the archived ids. Rows are not put in JSON again: escaping a job's JSON inside another JSON text
     * and reading it back cost the writer and every candidate's apply as much as the rest of the entry.
     */
    static byte[] encode(Entry e) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(256 + e.rows().size() * 1024);
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(BINARY);
            out.writeBoolean(e.clear());
            out.writeInt(e.rows().size());
            for (Row r : e.rows()) {
                out.writeLong(r.id());
                out.writeByte((r.archived() ? 1 : 0) | (r.finalized() ? 2 : 0) | (r.endTime() != null ? 4 : 0));
                if (r.endTime() != null) {
                    out.writeDouble(r.endTime());
                }
                byte[] data = r.data().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(data.length);
                out.write(data);
            }
            out.writeInt(e.archive().size());
            for (long id : e.archive()) {
                out.writeLong(id);
            }
        } catch (IOException x) {
            throw new IllegalStateException("cannot encode a job queue entry", x);
        }
        return bytes.toByteArray();
    }

    /** Reads an entry: binary, or JSON as the queue wrote it before (a log written then still replays). */
    static Entry decode(byte[] bytes) {
        try {
            if (bytes.length > 0 && bytes[0] == '{') {
                return MAPPER.readValue(bytes, Entry.class);
            }
            java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
            if (in.get() != BINARY) {
                throw new IOException("unknown format " + bytes[0]);
            }
            boolean clear = in.get() != 0;
            int n = in.getInt();
            List<Row> rows = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long id = in.getLong();
                int flags = in.get();
                Double end = (flags & 4) != 0 ? in.getDouble() : null;
                byte[] data = new byte[in.getInt()];
                in.get(data);
                rows.add(new Row(id, (flags & 1) != 0, (flags & 2) != 0, end,
                        new String(data, java.nio.charset.StandardCharsets.UTF_8)));
            }
            int m = in.getInt();
            List<Long> archive = new java.util.ArrayList<>(m);
            for (int i = 0; i < m; i++) {
                archive.add(in.getLong());
            }
            return new Entry(clear, rows, archive);
        } catch (IOException | java.nio.BufferUnderflowException | NegativeArraySizeException x) {
            throw new IllegalStateException("a job queue entry of the log cannot be read: " + x.getMessage(), x);
        }
    }
}
