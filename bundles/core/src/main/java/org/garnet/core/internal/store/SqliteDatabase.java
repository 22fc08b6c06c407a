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
        writeLock.lock();
        try {
            try {
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

    /** Records, inside a write transaction, the log index the transaction applies. */
    public static void setAppliedIndex(Connection c, long index) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(
                "INSERT INTO replication (key, value) VALUES ('applied_index', ?) "
                        + "ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            ps.setLong(1, index);
            ps.executeUpdate();
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
