package org.garnet.core.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite database file in WAL mode with {@code synchronous=FULL}: a commit returns after fsync. One writer
 * connection (SQLite has one writer anyway) and a small pool of reader connections, so reads never wait for
 * writes.
 */
public final class SqliteDatabase implements AutoCloseable {
    /** Work done on a connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final int READERS = 4;
    /** Up to which index of the master candidates' replicated log this database holds the applied entries. */
    private static final String REPLICATION_SCHEMA = """
            CREATE TABLE IF NOT EXISTS replication (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
            """;

    private final String url;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Whether the writer's commits wait for fsync now (FULL) or not (NORMAL, for entries of the log). */
    private boolean durableCommits = true;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);

    public SqliteDatabase(Path file, String schema) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
        try {
            writer = open();
            writer.setAutoCommit(false);
            try (Statement st = writer.createStatement()) {
                st.executeUpdate(schema);
                st.executeUpdate(REPLICATION_SCHEMA);
            }
            writer.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    private Connection open() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(30_000);
        config.enforceForeignKeys(true);
        return config.createConnection(url);
    }

    /** Runs {@code work} in one write transaction; commits (durably) if it returns, rolls back if it throws. */
    public <T> T write(SqlWork<T> work) {
        return write(work, true);
    }

    /**
     * Runs {@code work}, an entry of the master candidates' log being applied, in one write transaction that is
     * committed without waiting for the disk ({@code synchronous=NORMAL}: WAL commits reach the disk at the next
     * checkpoint; a crash of the process loses nothing). The log already holds the entry durably on a majority;
     * should the machine lose power before the commit reaches the disk, the applied index recorded in the same
     * transaction is lost with it and the entry is applied again from the log (etcd and ZooKeeper do the same:
     * the log is what is fsync'd).
     */
    public <T> T applyLogged(SqlWork<T> work) {
        return write(work, false);
    }

    private <T> T write(SqlWork<T> work, boolean durable) {
        writeLock.lock();
        try {
            try {
                if (durable != durableCommits) {
                    writer.setAutoCommit(true); // SQLite changes the level only outside a transaction
                    try (Statement st = writer.createStatement()) {
                        st.execute("PRAGMA synchronous = " + (durable ? "FULL" : "NORMAL"));
                    } finally {
                        writer.setAutoCommit(false);
                    }
                    durableCommits = durable;
                }
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("configuration write failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Runs {@code work} in a write transaction and rolls it back whatever happens: what a change would do,
     * worked out on the current data, before it goes to the replicated log.
     */
    public <T> T speculate(SqlWork<T> work) {
        writeLock.lock();
        try {
            try {
                return work.run(writer);
            } finally {
                rollbackQuietly();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("configuration write failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** The replicated log's index this database has applied up to (0: none, the data is this node's own). */
    public long appliedIndex() {
        return read(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(
                    "SELECT value FROM replication WHERE key = 'applied_index'");
                 java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /** Forgets the applied index (the data stays): see {@code ReplicatedState.forgetIndex}. */
    public void forgetAppliedIndex() {
        write(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM replication");
            }
            return null;
        });
    }

    /** Records, inside a write transaction, the log index the transaction applies. */
    public static void setAppliedIndex(Connection c, long index) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(
                "INSERT INTO replication (key, value) VALUES ('applied_index', ?) "
                        + "ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            ps.setLong(1, index);
            ps.executeUpdate();
        }
    }

    /**
     * Writes a consistent copy of the committed data to {@code file} (SQLite's {@code VACUUM INTO}, replacing the
     * file), fsync'd; returns the log index the copy has applied up to.
     */
    public long copyTo(Path file) {
        try {
            Files.deleteIfExists(file);
            try (Connection c = open(); Statement st = c.createStatement()) {
                st.executeUpdate("VACUUM INTO '" + file.toAbsolutePath().toString().replace("'", "''") + "'");
            }
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                    java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + file.toAbsolutePath());
                 Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT value FROM replication WHERE key = 'applied_index'")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot copy the database to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the rows of {@code tables} and the applied index with those of the copy in {@code file} (made by
     * {@link #copyTo}), in one transaction, unless this database has already applied as much as the copy.
     * Returns whether it did.
     */
    public boolean restoreFrom(Path file, java.util.List<String> tables) {
        writeLock.lock();
        try (Connection c = open(); Statement st = c.createStatement()) {
            st.execute("ATTACH DATABASE '" + file.toAbsolutePath().toString().replace("'", "''") + "' AS copy");
            try {
                long theirs = index(st, "copy");
                if (theirs <= index(st, "main")) {
                    return false;
                }
                st.execute("BEGIN IMMEDIATE");
                try {
                    for (String t : java.util.stream.Stream.concat(tables.stream(), java.util.stream.Stream.of(
                            "replication")).toList()) {
                        st.executeUpdate("DELETE FROM main." + t);
                        st.executeUpdate("INSERT INTO main." + t + " SELECT * FROM copy." + t);
                    }
                    st.execute("COMMIT");
                } catch (SQLException e) {
                    st.execute("ROLLBACK");
                    throw e;
                }
                return true;
            } finally {
                st.execute("DETACH DATABASE copy");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot restore the database from " + file + ": " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    private static long index(Statement st, String schema) throws SQLException {
        try (java.sql.ResultSet rs = st.executeQuery("SELECT value FROM " + schema
                + ".replication WHERE key = 'applied_index'")) {
            return rs.next() ? rs.getLong(1) : 0L;
        }
    }

    /** Runs {@code work} on a reader connection (a consistent snapshot of committed data). */
    public <T> T read(SqlWork<T> work) {
        Connection c = readers.poll();
        try {
            if (c == null) {
                c = open();
                c.setAutoCommit(false);
            }
            try {
                return work.run(c);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("configuration read failed: " + e.getMessage(), e);
        } finally {
            if (c != null && !readers.offer(c)) {
                closeQuietly(c);
            }
        }
    }

    private void rollbackQuietly() {
        try {
            writer.rollback();
        } catch (SQLException ignored) {
            // the original error is the one to report
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing a reader: nothing to recover
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            Connection c;
            while ((c = readers.poll()) != null) {
                closeQuietly(c);
            }
            closeQuietly(writer);
        } finally {
            writeLock.unlock();
        }
    }
}
