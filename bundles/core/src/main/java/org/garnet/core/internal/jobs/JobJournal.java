package org.garnet.core.internal.jobs;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.garnet.api.jobs.Job;
import org.garnet.core.internal.store.SqliteDatabase;

/**
 * The job queue on disk: one SQLite row per job ({@code id, archived, finalized, end time, Ganeti job JSON}) in
 * {@code queue.db}, WAL with {@code synchronous=FULL}. Writes go through one writer thread that commits every
 * write waiting at that moment in one transaction (group commit): a caller's future completes once its row is
 * fsync'd, and a thousand concurrent jobs cost a few fsyncs, not a thousand.
 */
final class JobJournal implements AutoCloseable {
    static final String FILE_NAME = "queue.db";
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS jobs (
              id INTEGER PRIMARY KEY, archived INTEGER NOT NULL DEFAULT 0, finalized INTEGER NOT NULL,
              end_time REAL, data TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS jobs_current ON jobs (id) WHERE archived = 0;
            CREATE INDEX IF NOT EXISTS jobs_unfinished ON jobs (id) WHERE finalized = 0;
            """;

    /** A job state to write, or (with {@code job} null) an action run on the writer thread after its batch. */
    private record Write(Job job, CompletableFuture<Void> done, Runnable action) {
        Write(Job job, CompletableFuture<Void> done) {
            this(job, done, null);
        }
    }

    private final SqliteDatabase db;
    private final LinkedBlockingQueue<Write> pending = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;
    private volatile long commits;

    JobJournal(Path file) {
        db = new SqliteDatabase(file, SCHEMA);
        writer = new Thread(this::writeLoop, "garnet-job-journal");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues the job's current state for the next group commit; the future completes once it is durable. */
    CompletableFuture<Void> save(Job job) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("job queue closed"));
            return done;
        }
        pending.add(new Write(job, done));
        return done;
    }

    /** Saves and waits until durable. */
    void saveAll(List<Job> jobs) {
        List<CompletableFuture<Void>> all = jobs.stream().map(this::save).toList();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    /** Number of commits so far (each one fsync): for benchmarks. */
    long commits() {
        return commits;
    }

    private void writeLoop() {
        List<Write> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(pending.take());
            } catch (InterruptedException e) {
                continue;
            }
            pending.drainTo(batch);
            stop = batch.removeIf(w -> w.job() == null && w.action() == null);
            List<Write> actions = new ArrayList<>(batch.stream().filter(w -> w.action() != null).toList());
            batch.removeAll(actions);
            if (batch.isEmpty()) {
                runActions(actions);
                continue;
            }
            Map<Long, Job> last = new LinkedHashMap<>();
            batch.forEach(w -> last.put(w.job().id(), w.job()));
            try {
                db.write(c -> {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO jobs (id, archived, finalized, "
                            + "end_time, data) VALUES (?, 0, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                            + "finalized = excluded.finalized, end_time = excluded.end_time, data = excluded.data")) {
                        for (Job j : last.values()) {
                            ps.setLong(1, j.id());
                            ps.setInt(2, j.status().isFinalized() ? 1 : 0);
                            if (j.endTimestamp() != null) {
                                ps.setDouble(3, j.endTimestamp().seconds() + j.endTimestamp().micros() / 1e6);
                            } else {
                                ps.setNull(3, java.sql.Types.REAL);
                            }
                            ps.setString(4, JobCodec.toJson(j));
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return null;
                });
                commits++;
                batch.forEach(w -> w.done().complete(null));
            } catch (RuntimeException e) {
                batch.forEach(w -> w.done().completeExceptionally(e));
            }
            runActions(actions);
            batch.clear();
        }
    }

    Optional<Job> load(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT data, archived FROM jobs WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(JobCodec.fromJson(rs.getString(1), rs.getInt(2) != 0))
                            : Optional.empty();
                }
            }
        });
    }

    /** Jobs by id; all current (unarchived) ones when {@code ids} is empty, archived ones too when asked. */
    List<Job> list(List<Long> ids, boolean includeArchived) {
        return db.read(c -> {
            List<Job> out = new ArrayList<>();
            if (ids.isEmpty()) {
                String sql = includeArchived ? "SELECT data, archived FROM jobs ORDER BY id"
                        : "SELECT data, archived FROM jobs WHERE archived = 0 ORDER BY id";
                try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(JobCodec.fromJson(rs.getString(1), rs.getInt(2) != 0));
                    }
                }
                return out;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT data, archived FROM jobs WHERE id = ?")) {
                for (long id : ids) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && (includeArchived || rs.getInt(2) == 0)) {
                            out.add(JobCodec.fromJson(rs.getString(1), rs.getInt(2) != 0));
                        }
                    }
                }
            }
            return out;
        });
    }

    List<Job> unfinished() {
        return db.read(c -> {
            List<Job> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT data FROM jobs WHERE finalized = 0 ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(JobCodec.fromJson(rs.getString(1), false));
                }
            }
            return out;
        });
    }

    /** Deletes every job, on the writer thread after the writes already queued (of finished jobs only). */
    void clear() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.add(new Write(null, done, () -> db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM jobs")) {
                ps.executeUpdate();
            }
            return null;
        })));
        done.join();
    }

    private static void runActions(List<Write> actions) {
        for (Write w : actions) {
            try {
                w.action().run();
                w.done().complete(null);
            } catch (RuntimeException e) {
                w.done().completeExceptionally(e);
            }
        }
    }

    long maxId() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM jobs");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Marks finished jobs archived; returns how many changed. */
    int archive(List<Long> ids) {
        return db.write(c -> {
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE jobs SET archived = 1 WHERE id = ? AND finalized = 1 AND archived = 0")) {
                for (long id : ids) {
                    ps.setLong(1, id);
                    n += ps.executeUpdate();
                }
            }
            return n;
        });
    }

    /** Ids of finished, unarchived jobs that ended before {@code cutoffSeconds}. */
    List<Long> archivable(double cutoffSeconds) {
        return db.read(c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM jobs WHERE archived = 0 AND finalized = 1 "
                    + "AND end_time IS NOT NULL AND end_time <= ? ORDER BY id")) {
                ps.setDouble(1, cutoffSeconds);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
            return out;
        });
    }

    /** Count of jobs not archived yet (cheap, indexed). */
    long countCurrent() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM jobs WHERE archived = 0");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        pending.add(new Write(null, null));
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }

}
