package org.garnet.core.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.consensus.ReplicatedLog;
import org.garnet.api.consensus.ReplicatedState;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.ConfigObject;
import org.garnet.core.internal.CoreConfig;
import org.garnet.core.internal.DataRoot;
import org.garnet.core.internal.Json;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The configuration in SQLite: one row per object ({@code kind, uuid, name, serial_no, data}), so a change
 * rewrites one object and the cluster's serial, never the whole configuration. See {@link ConfigStore}.
 */
@Component(service = {ConfigStore.class, ReplicatedState.class}, configurationPid = CoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = ReplicatedState.NAME + "=" + SqliteConfigStore.STATE)
@Designate(ocd = CoreConfig.class)
public class SqliteConfigStore implements ConfigStore, ReplicatedState {
    static final String FILE_NAME = "config.db";
    /** The name of the configuration's entries on the master candidates' log. */
    public static final String STATE = "config";
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS objects (
              kind TEXT NOT NULL, uuid TEXT NOT NULL, name TEXT NOT NULL, serial_no INTEGER NOT NULL,
              data TEXT NOT NULL, PRIMARY KEY (kind, uuid));
            CREATE UNIQUE INDEX IF NOT EXISTS objects_by_name ON objects (kind, name);
            """;

    private SqliteDatabase db;
    private final ObjectCache cache = new ObjectCache();
    private final java.util.concurrent.locks.ReentrantLock writeOrder = new java.util.concurrent.locks.ReentrantLock();
    /** What the write in progress has written: {kind, object} or {kind, removed uuid}; guarded by writeOrder. */
    private final List<Object[]> pending = new ArrayList<>();
    /** Whether the write in progress removed every object ({@link #destroy}); guarded by writeOrder. */
    private boolean clearing;
    private final LogLink link = new LogLink();
    private final GroupCommit commits = new GroupCommit();
    /** The log index the database has applied up to; written by {@link #apply} only. */
    private volatile long appliedIndex;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindLog(ReplicatedLog log) {
        link.bind(log);
    }

    void unbindLog(ReplicatedLog log) {
        link.unbind(log);
    }

    /** For Declarative Services. */
    public SqliteConfigStore() {
    }

    /** A store on the given database file (tests, tools). */
    public SqliteConfigStore(Path file) {
        db = new SqliteDatabase(file, SCHEMA);
        appliedIndex = db.appliedIndex();
    }

    @Activate
    void activate(CoreConfig config) {
        db = new SqliteDatabase(DataRoot.of(config).resolve(FILE_NAME), SCHEMA);
        appliedIndex = db.appliedIndex();
    }

    /** The log this store writes through (tests: a group of members in one JVM). */
    public void link(ReplicatedLog log) {
        link.bind(log);
    }

    /** The log went (tests: a member stopped). */
    public void unlink(ReplicatedLog log) {
        link.unbind(log);
    }

    /** How many changes wait for the one on its way through the log (tests). */
    int waitingChanges() {
        return commits.waiting();
    }

    @Deactivate
    public void close() {
        db.close();
    }

    @Override
    public Optional<Cluster> cluster() {
        return list(Cluster.class).stream().findFirst();
    }

    @Override
    public <T extends ConfigObject> List<T> list(Class<T> type) {
        return cache.list(ObjectKinds.kind(type), () -> load(type));
    }

    @Override
    public <T extends ConfigObject> Optional<T> get(Class<T> type, String uuid) {
        return cache.get(ObjectKinds.kind(type), uuid, () -> load(type));
    }

    @Override
    public <T extends ConfigObject> Optional<T> byName(Class<T> type, String name) {
        return cache.byName(ObjectKinds.kind(type), name, () -> load(type));
    }

    private <T extends ConfigObject> List<T> load(Class<T> type) {
        return db.read(c -> {
            List<T> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT data FROM objects WHERE kind = ?")) {
                ps.setString(1, ObjectKinds.kind(type));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(decode(type, rs.getString(1)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * One change. While this node holds no replicated entries and runs no Raft member (a single node before its
     * member starts, or no cluster), one local write transaction. Otherwise the change is worked out on the
     * current data and rolled back, and what it wrote goes to the master candidates' log; it is made (here as on
     * every candidate) when {@link #apply} applies the committed entry. Changes that arrive while one is on its
     * way through the log go together as one entry ({@link GroupCommit}), each worked out on the data as the
     * ones before it left it, so a round trip of the log is not paid once per change. Either way the objects a
     * change wrote reach the cache before the next change starts, so the cache sees changes in commit order. If
     * the outcome is unknown the cache is dropped and reloaded on the next read.
     */
    private <T> T write(SqliteDatabase.SqlWork<T> work) {
        if (writeOrder.isHeldByCurrentThread()) {
            // a change made while holding the order (destroy): alone, now
            GroupCommit.Change<T> change = new GroupCommit.Change<>(work);
            writeBatch(List.of(change));
            return change.outcome();
        }
        return commits.submit(work, this::writeBatch);
    }

    private void writeBatch(List<GroupCommit.Change<?>> batch) {
        writeOrder.lock();
        try {
            ReplicatedLog log = link.forChange(() -> appliedIndex, writeOrder);
            if (log != null) {
                try {
                    replicate(log, batch);
                    return;
                } catch (GanetiException e) {
                    if (!LogLink.stopped(e)) {
                        throw e;
                    }
                    // this node's member stopped before it took the changes (it restarts, as at init): they are
                    // worked out again on the data as it is then, and go through the member that follows
                    log = link.after(log, () -> appliedIndex, writeOrder);
                    if (log != null) {
                        replicate(log, batch);
                        return;
                    }
                }
            }
            for (GroupCommit.Change<?> change : batch) {
                writeLocally(change);
            }
        } finally {
            pending.clear();
            writeOrder.unlock();
        }
    }

    private void writeLocally(GroupCommit.Change<?> change) {
        pending.clear();
        clearing = false;
        Object result;
        try {
            result = db.write(change.work);
        } catch (IllegalStateException e) {
            cache.clear();
            change.fail(e);
            return;
        } catch (RuntimeException e) {
            change.fail(e);
            return;
        }
        for (Object[] c : pending) {
            if (c[1] instanceof ConfigObject o) {
                cache.put((String) c[0], o);
            } else {
                cache.remove((String) c[0], (String) c[1]);
            }
        }
        change.succeed(result);
    }

    /**
     * Works the batch's changes out one after the other in one transaction that is rolled back (each in a
     * savepoint, so one that fails leaves no trace and the others go on), appends what they wrote as one entry,
     * and decides each change once the entry is applied here. A change that failed keeps its own error.
     */
    private void replicate(ReplicatedLog log, List<GroupCommit.Change<?>> batch) {
        if (appliedIndex == 0) {
            // the first entry of this state on the log: everything this node held before, so that a candidate
            // that replays the log from its start has the configuration made at init
            LogLink.append(log, STATE, ConfigEntries.encode(new ConfigEntries.Entry(true, allRows())));
        }
        Object[] results = new Object[batch.size()];
        RuntimeException[] failures = new RuntimeException[batch.size()];
        List<ConfigEntries.Row> rows = new ArrayList<>();
        boolean[] clear = {false};
        db.speculate(c -> {
            for (int i = 0; i < batch.size(); i++) {
                pending.clear();
                clearing = false;
                java.sql.Savepoint savepoint = c.setSavepoint();
                try {
                    results[i] = batch.get(i).work.run(c);
                } catch (SQLException | RuntimeException e) {
                    c.rollback(savepoint);
                    failures[i] = e instanceof SQLException x
                            ? new IllegalStateException("configuration write failed: " + x.getMessage(), x)
                            : (RuntimeException) e;
                    continue;
                }
                c.releaseSavepoint(savepoint);
                clear[0] |= clearing;
                for (Object[] change : pending) {
                    rows.add(change[1] instanceof ConfigObject o ? row(o) : new ConfigEntries.Row((String) change[0],
                            (String) change[1], null, 0, null));
                }
            }
            return null;
        });
        if (!rows.isEmpty() || clear[0]) {
            try {
                LogLink.append(log, STATE, ConfigEntries.encode(new ConfigEntries.Entry(clear[0],
                        withoutSupersededCluster(rows))));
            } catch (GanetiException e) {
                if (!LogLink.stopped(e)) {
                    for (int i = 0; i < batch.size(); i++) {
                        if (failures[i] != null) {
                            batch.get(i).fail(failures[i]);
                        }
                    }
                }
                throw e;
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            if (failures[i] != null) {
                batch.get(i).fail(failures[i]);
            } else {
                batch.get(i).succeed(results[i]);
            }
        }
    }

    /**
     * The rows without the cluster's rows that a later one replaces: every change bumps the cluster's serial, so a
     * batch would carry the whole cluster object once per change. Only the cluster's rows go: there is one
     * cluster, so no other row's name can depend on one of them.
     */
    private static List<ConfigEntries.Row> withoutSupersededCluster(List<ConfigEntries.Row> rows) {
        String cluster = ObjectKinds.kind(Cluster.class);
        int last = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).kind().equals(cluster) && rows.get(i).data() != null) {
                last = i;
            }
        }
        List<ConfigEntries.Row> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ConfigEntries.Row r = rows.get(i);
            if (i == last || !r.kind().equals(cluster) || r.data() == null) {
                out.add(r);
            }
        }
        return out;
    }

    private static ConfigEntries.Row row(ConfigObject o) {
        return new ConfigEntries.Row(ObjectKinds.kind(o.getClass()), o.uuid(), o.name(), o.serialNo(), encode(o));
    }

    private List<ConfigEntries.Row> allRows() {
        return db.read(c -> {
            List<ConfigEntries.Row> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT kind, uuid, name, serial_no, data FROM objects");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ConfigEntries.Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5)));
                }
            }
            return out;
        });
    }

    // ---- the replicated state ------------------------------------------------------------------------------

    @Override
    public byte[] apply(long index, byte[] bytes) {
        ConfigEntries.Entry entry = ConfigEntries.decode(bytes);
        db.applyLogged(c -> {
            if (entry.clear()) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM objects")) {
                    ps.executeUpdate();
                }
            }
            for (ConfigEntries.Row r : entry.rows()) {
                if (r.data() == null) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM objects WHERE kind = ? AND uuid = ?")) {
                        ps.setString(1, r.kind());
                        ps.setString(2, r.uuid());
                        ps.executeUpdate();
                    }
                } else {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO objects (kind, uuid, name, serial_no, "
                            + "data) VALUES (?, ?, ?, ?, ?) ON CONFLICT(kind, uuid) DO UPDATE SET name = excluded.name, "
                            + "serial_no = excluded.serial_no, data = excluded.data")) {
                        ps.setString(1, r.kind());
                        ps.setString(2, r.uuid());
                        ps.setString(3, r.name());
                        ps.setLong(4, r.serial());
                        ps.setString(5, r.data());
                        ps.executeUpdate();
                    }
                }
            }
            SqliteDatabase.setAppliedIndex(c, index);
            return null;
        });
        appliedIndex = index;
        if (entry.clear()) {
            cache.clear();
        } else {
            for (ConfigEntries.Row r : entry.rows()) {
                if (r.data() == null) {
                    cache.remove(r.kind(), r.uuid());
                } else {
                    cache.put(r.kind(), decode(ObjectKinds.type(r.kind()), r.data()));
                }
            }
        }
        return new byte[0];
    }

    @Override
    public long appliedIndex() {
        return appliedIndex;
    }

    @Override
    public void leave() {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM objects")) {
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM replication")) {
                ps.executeUpdate();
            }
            return null;
        });
        appliedIndex = 0;
        cache.clear();
    }

    @Override
    public long snapshotTo(Path file) {
        return db.copyTo(file);
    }

    @Override
    public void forgetIndex() {
        writeOrder.lock();
        try {
            db.forgetAppliedIndex();
            appliedIndex = 0;
        } finally {
            writeOrder.unlock();
        }
    }

    @Override
    public void restoreFrom(Path file) {
        writeOrder.lock();
        try {
            if (db.restoreFrom(file, List.of("objects"))) {
                appliedIndex = db.appliedIndex();
                cache.clear();
            }
        } finally {
            writeOrder.unlock();
        }
    }

    @Override
    public void initialize(Cluster cluster, List<? extends ConfigObject> objects) {
        write(c -> {
            if (selectOne(c, Cluster.class, "SELECT data FROM objects WHERE kind = ?", List.of()).isPresent()) {
                throw GanetiException.prereq("Cluster is already initialised", ErrorCode.ECODE_STATE);
            }
            double now = now();
            insert(c, cluster.withMeta(1, now, now));
            for (ConfigObject o : objects) {
                insert(c, o.withMeta(1, now, now));
            }
            return null;
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends ConfigObject> T add(T object) {
        return write(c -> {
            double now = now();
            T stored = (T) object.withMeta(1, now, now);
            insert(c, stored);
            bumpCluster(c, now);
            return stored;
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends ConfigObject> T update(Class<T> type, String uuid, UnaryOperator<T> change) {
        return write(c -> {
            T current = selectOne(c, type, "SELECT data FROM objects WHERE kind = ? AND uuid = ?", List.of(uuid))
                    .orElseThrow(() -> ObjectKinds.notFound(type, uuid));
            T changed = change.apply(current);
            if (!changed.uuid().equals(uuid)) {
                throw new IllegalArgumentException("an update must not change the uuid");
            }
            double now = now();
            T stored = (T) changed.withMeta(current.serialNo() + 1, current.ctime(), now);
            writeRow(c, stored, "UPDATE objects SET name = ?, serial_no = ?, data = ? WHERE kind = ? AND uuid = ?");
            if (type != Cluster.class) {
                bumpCluster(c, now);
            }
            return stored;
        });
    }

    @Override
    public void remove(Class<? extends ConfigObject> type, String uuid) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM objects WHERE kind = ? AND uuid = ?")) {
                ps.setString(1, ObjectKinds.kind(type));
                ps.setString(2, uuid);
                if (ps.executeUpdate() == 0) {
                    throw ObjectKinds.notFound(type, uuid);
                }
            }
            pending.add(new Object[] {ObjectKinds.kind(type), uuid});
            bumpCluster(c, now());
            return null;
        });
    }

    @Override
    public void destroy() {
        writeOrder.lock();
        try {
            write(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM objects")) {
                    ps.executeUpdate();
                }
                clearing = true;
                return null;
            });
            cache.clear();
        } finally {
            writeOrder.unlock();
        }
    }

    private void bumpCluster(Connection c, double now) throws SQLException {
        Optional<Cluster> cluster = selectOne(c, Cluster.class, "SELECT data FROM objects WHERE kind = ?", List.of());
        if (cluster.isPresent()) {
            Cluster cl = cluster.get();
            writeRow(c, cl.withMeta(cl.serialNo() + 1, cl.ctime(), now),
                    "UPDATE objects SET name = ?, serial_no = ?, data = ? WHERE kind = ? AND uuid = ?");
        }
    }

    private void insert(Connection c, ConfigObject o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO objects (name, serial_no, data, kind, uuid) VALUES (?, ?, ?, ?, ?)")) {
            bind(ps, o);
            ps.executeUpdate();
            pending.add(new Object[] {ObjectKinds.kind(o.getClass()), o});
        } catch (SQLException e) {
            throw uniqueViolation(e, o);
        }
    }

    private void writeRow(Connection c, ConfigObject o, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, o);
            ps.executeUpdate();
            pending.add(new Object[] {ObjectKinds.kind(o.getClass()), o});
        } catch (SQLException e) {
            throw uniqueViolation(e, o);
        }
    }

    private static SQLException uniqueViolation(SQLException e, ConfigObject o) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("UNIQUE constraint failed")) {
            throw ObjectKinds.exists(o.getClass(), o.name());
        }
        return e;
    }

    private static void bind(PreparedStatement ps, ConfigObject o) throws SQLException {
        ps.setString(1, o.name());
        ps.setLong(2, o.serialNo());
        ps.setString(3, encode(o));
        ps.setString(4, ObjectKinds.kind(o.getClass()));
        ps.setString(5, o.uuid());
    }

    private static <T> Optional<T> selectOne(Connection c, Class<T> type, String sql, List<String> args)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, ObjectKinds.kind(type));
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 2, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(decode(type, rs.getString(1))) : Optional.empty();
            }
        }
    }

    private static String encode(Object o) {
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + o.getClass().getSimpleName(), e);
        }
    }

    private static <T> T decode(Class<T> type, String json) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new GanetiException(org.garnet.api.ErrorClass.ConfigurationError,
                    "stored " + type.getSimpleName() + " cannot be read: " + e.getOriginalMessage(), null);
        }
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }
}
