package org.garnet.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteConfigStoreTest {
    @TempDir
    Path dir;
    SqliteConfigStore store;
    NodeGroup group;
    Node node;
    Cluster cluster;

    @BeforeEach
    void init() {
        store = new SqliteConfigStore(dir.resolve("config.db"));
        group = Fixtures.group("default");
        node = Fixtures.node("node1.example.com", group.uuid());
        cluster = Fixtures.cluster(node.uuid());
        store.initialize(cluster, List.of(group, node));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void initializeStoresEverythingWithSerialOne() {
        Cluster stored = store.cluster().orElseThrow();
        assertEquals(cluster.name(), stored.name());
        assertEquals(1, stored.serialNo());
        assertTrue(stored.ctime() > 0);
        assertEquals(stored.ctime(), stored.mtime());
        assertEquals(cluster.hvparams(), stored.hvparams());
        assertEquals(cluster.ipolicy(), stored.ipolicy());
        assertEquals(Set.of("a"), stored.tags());
        assertEquals(node, store.byName(Node.class, "node1.example.com").orElseThrow()
                .withMeta(0, 0, 0));
    }

    @Test
    void secondInitializeIsRefusedAndChangesNothing() {
        GanetiException e = assertThrows(GanetiException.class,
                () -> store.initialize(Fixtures.cluster("x"), List.of(Fixtures.group("other"))));
        assertEquals(ErrorCode.ECODE_STATE, e.code());
        assertEquals(cluster.uuid(), store.cluster().orElseThrow().uuid());
        assertEquals(List.of("default"), store.list(NodeGroup.class).stream().map(NodeGroup::name).toList());
    }

    @Test
    void updateIncreasesObjectAndClusterSerial() {
        long clusterSerial = store.cluster().orElseThrow().serialNo();
        Node updated = store.update(Node.class, node.uuid(), n -> n.withTags(Set.of("rack1")));
        assertEquals(2, updated.serialNo());
        assertEquals(Set.of("rack1"), store.get(Node.class, node.uuid()).orElseThrow().tags());
        assertEquals(clusterSerial + 1, store.cluster().orElseThrow().serialNo());
        Cluster c = store.update(Cluster.class, cluster.uuid(), x -> x.toBuilder().maxRunningJobs(7).build());
        assertEquals(clusterSerial + 2, c.serialNo());
        assertEquals(7, store.cluster().orElseThrow().maxRunningJobs());
    }

    @Test
    void namesAreUniquePerKind() {
        GanetiException e = assertThrows(GanetiException.class, () -> store.add(Fixtures.group("default")));
        assertEquals(ErrorCode.ECODE_EXISTS, e.code());
        assertEquals(1, store.list(NodeGroup.class).size());
        store.add(Fixtures.node("default", group.uuid()));
        assertEquals(2, store.list(Node.class).size());
    }

    @Test
    void failedUpdateLeavesObjectUntouched() {
        assertThrows(IllegalStateException.class, () -> store.update(Node.class, node.uuid(), n -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals(1, store.get(Node.class, node.uuid()).orElseThrow().serialNo());
        GanetiException e = assertThrows(GanetiException.class,
                () -> store.update(Node.class, "no-such-uuid", n -> n));
        assertEquals(ErrorCode.ECODE_NOENT, e.code());
    }

    @Test
    void removeAndDestroy() {
        NodeGroup g2 = store.add(Fixtures.group("g2"));
        store.remove(NodeGroup.class, g2.uuid());
        assertTrue(store.get(NodeGroup.class, g2.uuid()).isEmpty());
        store.destroy();
        assertTrue(store.cluster().isEmpty());
        assertTrue(store.list(Node.class).isEmpty());
    }

    @Test
    void dataSurvivesReopen() {
        store.update(Node.class, node.uuid(), n -> n.withTags(Set.of("t")));
        store.close();
        store = new SqliteConfigStore(dir.resolve("config.db"));
        assertEquals(Set.of("t"), store.get(Node.class, node.uuid()).orElseThrow().tags());
    }

    @Test
    void readsServedFromMemoryMatchWhatIsOnDisk() {
        store.list(NodeGroup.class);
        NodeGroup b = store.add(Fixtures.group("b-group"));
        store.update(NodeGroup.class, group.uuid(), g -> renamed(g, "z-group"));
        store.add(Fixtures.group("a-group"));
        store.remove(NodeGroup.class, b.uuid());
        List<String> cached = store.list(NodeGroup.class).stream().map(NodeGroup::name).toList();
        assertEquals(List.of("a-group", "z-group"), cached);
        SqliteConfigStore fresh = new SqliteConfigStore(dir.resolve("config.db"));
        try {
            assertEquals(cached, fresh.list(NodeGroup.class).stream().map(NodeGroup::name).toList());
            assertEquals(store.cluster().orElseThrow(), fresh.cluster().orElseThrow());
        } finally {
            fresh.close();
        }
        assertTrue(store.byName(NodeGroup.class, "default").isEmpty());
        assertEquals("z-group", store.get(NodeGroup.class, group.uuid()).orElseThrow().name());
    }

    @Test
    void aFailedWriteLeavesTheReadViewUnchanged() {
        Node before = store.get(Node.class, node.uuid()).orElseThrow();
        long serial = store.cluster().orElseThrow().serialNo();
        assertThrows(GanetiException.class, () -> store.update(Node.class, node.uuid(), n -> {
            throw GanetiException.prereq("refused", ErrorCode.ECODE_INVAL);
        }));
        NodeGroup other = store.add(Fixtures.group("other"));
        assertThrows(GanetiException.class, () -> store.update(NodeGroup.class, other.uuid(),
                g -> renamed(g, "default")));
        assertEquals(before, store.get(Node.class, node.uuid()).orElseThrow());
        assertEquals(serial + 1, store.cluster().orElseThrow().serialNo());
        assertEquals(List.of("default", "other"), store.list(NodeGroup.class).stream().map(NodeGroup::name).toList());
    }

    private static NodeGroup renamed(NodeGroup g, String name) {
        return new NodeGroup(g.uuid(), name, g.serialNo(), g.ctime(), g.mtime(), g.allocPolicy(), g.ndparams(),
                g.diskparams(), g.ipolicy(), g.networks(), g.tags());
    }
}
