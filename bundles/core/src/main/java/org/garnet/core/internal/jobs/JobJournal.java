package org.garnet.core.internal.jobs;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.garnet.api.consensus.ReplicatedLog;
import org.garnet.api.jobs.Job;
import org.garnet.core.internal.store.LogLink;
import org.garnet.core.internal.store.SqliteDatabase;

/**
 * The job queue on disk: one SQLite row per job ({@code id, archived, finalized, end time, Ganeti job JSON}) in
 * {@code queue.db}, WAL with {@code synchronous=FULL}, or the master candidates' log once the queue is replicated.
 * Writes go through one writer thread ({@link JournalWriter}) that writes every state waiting at that moment at
 * once (group commit): a caller's future completes once its row is durable, and a thousand concurrent jobs cost
 * a few fsyncs, not a thousand.
 */
final class JobJournal implements AutoCloseable, org.garnet.api.consensus.ReplicatedState {
    static final String FILE_NAME = "queue.db";
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS jobs (
              id INTEGER PRIMARY KEY, archived INTEGER NOT NULL DEFAULT 0, finalized INTEGER NOT NULL,
              end_time REAL, data TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS jobs_current ON jobs (id) WHERE archived = 0;
            CREATE INDEX IF NOT EXISTS jobs_unfinished ON jobs (id) WHERE finalized = 0;
            """;

    /** The name of the queue's entries on the master candidates' log. */
    static final String STATE = "queue";
    private final SqliteDatabase db;
    private final LogLink link;
    /** The log index the database has applied up to; written by {@link #apply} only. */
    private volatile long appliedIndex;
    /** Held while the queue's first entry on the log is made. */
    private final Object founding = new Object();
    /** Where a write refused by a stopping member is made again: a thread of its own, as it may wait for the next member. */
    private static final java.util.concurrent.Executor RETRY = r -> {
        Thread t = new Thread(r, "garnet-job-journal-retry");
        t.setDaemon(true);
        t.start();
    };
    private final JournalWriter writer;

    JobJournal(Path file, LogLink link) {
        db = new SqliteDatabase(file, SCHEMA);
        this.link = link;
        appliedIndex = db.appliedIndex();
        writer = new JournalWriter(() -> WRITES_IN_FLIGHT, this::write);
    }

    /**
     * Group commits in flight at once: 1, on the log as on the node's own file. With jobs freeing their slot
     * before their final write, fewer and larger entries win on the log too: a group of one member did ~8,200
     * no-op jobs/s with 1 in flight, ~7,700 with 2 and ~7,000 with 4 ({@code bench/jobqueue.sh --nodes 3}); with
     * more members 1 was already the faster (three members share this machine's two cores).
     */
    private static final int WRITES_IN_FLIGHT = 1;

    /** Queues the job's current state for the next group commit; the future completes once it is durable. */
    CompletableFuture<Void> save(Job job) {
        return writer.save(job);
    }

    /** Saves and waits until durable. */
    void saveAll(List<Job> jobs) {
        List<CompletableFuture<Void>> all = jobs.stream().map(this::save).toList();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    /** Number of commits so far (each one fsync): for benchmarks. */
    long commits() {
        return writer.commits();
    }

    /**
     * Makes the jobs' states durable (on the writer thread): on the master candidates' log, the future completing
     * once the entry is committed and applied here; or, with no log, in the node's own file before returning.
     */
    private CompletableFuture<Void> write(List<Job> jobs) {
        return write(jobs.stream().map(QueueEntries::row).toList(), null);
    }

    /**
     * As {@link #write(List)}; {@code stopped} is the member that refused these rows because it was stopping (it
     * restarts when the node joins another cluster or takes a new certificate, as at init): they are written once
     * more, through the member that follows it, or into the node's own file when the new group has not started.
     * The job's next states wait meanwhile (the writer keeps one write per job in flight), so order holds.
     */
    private CompletableFuture<Void> write(List<QueueEntries.Row> rows, ReplicatedLog stopped) {
        ReplicatedLog log;
        CompletableFuture<Void> written;
        // a write into the node's own file must not fall between the founding entry's read of that file and the
        // entry's apply (which replaces the file's jobs): the two never overlap
        synchronized (founding) {
            log = stopped == null ? link.forChange(appliedIndex) : link.after(stopped, () -> appliedIndex, null);
            if (log == null) {
                db.write(c -> {
                    upsert(c, rows);
                    return null;
                });
                return CompletableFuture.completedFuture(null);
            }
            try {
                found(log);
                written = LogLink.appendAsync(log, STATE, QueueEntries.encode(new QueueEntries.Entry(false, rows,
                        List.of()))).thenApply(r -> null);
            } catch (RuntimeException e) {
                written = CompletableFuture.failedFuture(e);
            }
        }
        ReplicatedLog tried = log;
        if (stopped != null) {
            return written;
        }
        return written.handle((ok, error) -> error == null ? CompletableFuture.<Void>completedFuture(null)
                : LogLink.stopped(error) ? CompletableFuture.supplyAsync(() -> write(rows, tried), RETRY)
                        .thenCompose(f -> f) : CompletableFuture.<Void>failedFuture(error)).thenCompose(f -> f);
    }

    /**
     * The first entry of the queue on the log: every job this node held before (its single-node history), so a
     * candidate replaying the log from its start holds them too. On the writer thread, or one retrying its write.
     */
    private void found(ReplicatedLog log) {
        synchronized (founding) {
            foundOnce(log);
        }
    }

    private void foundOnce(ReplicatedLog log) {
        if (appliedIndex != 0) {
            return;
        }
        List<QueueEntries.Row> all = db.read(c -> {
            List<QueueEntries.Row> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, archived, finalized, end_time, data FROM jobs");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double end = rs.getDouble(4);
                    out.add(new QueueEntries.Row(rs.getLong(1), rs.getInt(2) != 0, rs.getInt(3) != 0,
                            rs.wasNull() ? null : end, rs.getString(5)));
                }
            }
            return out;
        });
        LogLink.append(log, STATE, QueueEntries.encode(new QueueEntries.Entry(true, all, List.of())));
    }

    private static void upsert(java.sql.Connection c, List<QueueEntries.Row> rows) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO jobs (id, archived, finalized, "
                + "end_time, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                + "finalized = excluded.finalized, end_time = excluded.end_time, data = excluded.data")) {
            for (QueueEntries.Row r : rows) {
                ps.setLong(1, r.id());
                ps.setInt(2, r.archived() ? 1 : 0);
                ps.setInt(3, r.finalized() ? 1 : 0);
                if (r.endTime() != null) {
                    ps.setDouble(4, r.endTime());
                } else {
                    ps.setNull(4, java.sql.Types.REAL);
                }
                ps.setString(5, r.data());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static int markArchived(java.sql.Connection c, List<Long> ids) throws java.sql.SQLException {
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE jobs SET archived = 1 WHERE id = ? AND finalized = 1 AND archived = 0")) {
            for (long id : ids) {
                ps.setLong(1, id);
                n += ps.executeUpdate();
            }
        }
        return n;
    }

    private static void deleteAll(java.sql.Connection c) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM jobs")) {
            ps.executeUpdate();
        }
    }

    /** Applies a committed entry of the queue (on every candidate, the master too), with its index. */
    @Override
    public byte[] apply(long index, byte[] bytes) {
        QueueEntries.Entry e = QueueEntries.decode(bytes);
        int archived = db.applyLogged(c -> {
            if (e.clear()) {
                deleteAll(c);
            }
            upsert(c, e.rows());
            int n = markArchived(c, e.archive());
            SqliteDatabase.setAppliedIndex(c, index);
            return n;
        });
        appliedIndex = index;
        return java.nio.ByteBuffer.allocate(4).putInt(archived).array();
    }

    @Override
    public long appliedIndex() {
        return appliedIndex;
    }

    @Override
    public long snapshotTo(Path file) {
        return db.copyTo(file);
    }

    @Override
    public void forgetIndex() {
        db.forgetAppliedIndex();
        appliedIndex = 0;
    }

    @Override
    public void restoreFrom(Path file) {
        if (db.restoreFrom(file, List.of("jobs"))) {
            appliedIndex = db.appliedIndex();
        }
    }

    /** This node left the master candidates: its copy of the queue goes (on the writer thread, in order). */
    @Override
    public void leave() {
        CompletableFuture<Void> done = writer.after(() -> {
            db.write(c -> {
                deleteAll(c);
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM replication")) {
                    ps.executeUpdate();
                }
                return null;
            });
            appliedIndex = 0;
        });
        try {
            done.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("dropping the queue's copy did not finish: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        CompletableFuture<Void> done = writer.after(() -> change(new QueueEntries.Entry(true, List.of(), List.of()),
                c -> {
                    deleteAll(c);
                    return null;
                }, reply -> null));
        done.join();
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
        // in order with the writes of the jobs' final states, which go through the writer thread
        CompletableFuture<Integer> done = new CompletableFuture<>();
        writer.after(() -> {
            try {
                done.complete(change(new QueueEntries.Entry(false, List.of(), ids), c -> markArchived(c, ids),
                        reply -> java.nio.ByteBuffer.wrap(reply).getInt()));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return done.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * A change of many jobs at once (on the writer thread): an entry on the log, waited for, or {@code onFile} in
     * the node's own file when there is no log. Refused by a stopping member (it restarts when the node joins
     * another cluster or takes a new certificate), it is made once more through the member that follows, as
     * the jobs' writes are.
     */
    private <T> T change(QueueEntries.Entry entry, SqliteDatabase.SqlWork<T> onFile,
                         java.util.function.Function<byte[], T> fromReply) {
        synchronized (founding) {
            ReplicatedLog log = link.forChange(appliedIndex);
            for (int attempt = 0; ; attempt++) {
                if (log == null) {
                    return db.write(onFile);
                }
                try {
                    found(log);
                    return fromReply.apply(LogLink.append(log, STATE, QueueEntries.encode(entry)));
                } catch (RuntimeException e) {
                    if (attempt > 0 || !LogLink.stopped(e)) {
                        throw e;
                    }
                    log = link.after(log, () -> appliedIndex, null);
                }
            }
        }
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
        writer.close();
        db.close();
    }

}

