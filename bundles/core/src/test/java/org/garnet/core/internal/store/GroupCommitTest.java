package org.garnet.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;
import org.garnet.core.internal.jobs.OneMemberLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changes that arrive while one is on its way through the master candidates' log go together as one entry, and
 * each keeps its own outcome.
 */
class GroupCommitTest {
    @TempDir
    Path dir;
    SqliteConfigStore store;
    OneMemberLog log;
    Node node;

    @BeforeEach
    void init() {
        store = new SqliteConfigStore(dir.resolve("config.db"));
        NodeGroup group = Fixtures.group("default");
        node = Fixtures.node("node1.example.com", group.uuid());
        store.initialize(Fixtures.cluster(node.uuid()), List.of(group, node));
        log = new OneMemberLog();
        log.state = store;
        store.link(log);
    }

    @AfterEach
    void close() {
        log.release();
        store.close();
    }

    @Test
    void changesWaitingForTheLogGoAsOneEntryEachWithItsOwnOutcome() throws Exception {
        log.hold();
        CompletableFuture<Node> first = CompletableFuture.supplyAsync(
                () -> store.update(Node.class, node.uuid(), n -> n));
        await().atMost(Duration.ofSeconds(10)).until(() -> log.held() == 1);
        CompletableFuture<NodeGroup> g1 = CompletableFuture.supplyAsync(() -> store.add(Fixtures.group("g1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> store.waitingChanges() == 1);
        CompletableFuture<NodeGroup> again = CompletableFuture.supplyAsync(() -> store.add(Fixtures.group("g1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> store.waitingChanges() == 2);
        CompletableFuture<NodeGroup> g2 = CompletableFuture.supplyAsync(() -> store.add(Fixtures.group("g2")));
        await().atMost(Duration.ofSeconds(10)).until(() -> store.waitingChanges() == 3);

        log.release();

        assertEquals(2, first.get(10, TimeUnit.SECONDS).serialNo());
        assertEquals("g1", g1.get(10, TimeUnit.SECONDS).name());
        assertEquals("g2", g2.get(10, TimeUnit.SECONDS).name());
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> again.get(10, TimeUnit.SECONDS));
        GanetiException refused = assertInstanceOf(GanetiException.class, e.getCause());
        assertEquals(ErrorCode.ECODE_EXISTS, refused.code());
        // the configuration this node had, the first change, then the three that waited for it together
        assertEquals(3, log.appended());
        assertEquals(List.of("default", "g1", "g2"),
                store.list(NodeGroup.class).stream().map(NodeGroup::name).sorted().toList());
        // one cluster serial per change made: initialize, the node's update, g1, g2
        assertEquals(4, store.cluster().orElseThrow().serialNo());
        SqliteConfigStore reopened = new SqliteConfigStore(dir.resolve("config.db"));
        try {
            assertEquals(4, reopened.cluster().orElseThrow().serialNo());
            assertEquals(3, reopened.list(NodeGroup.class).size());
        } finally {
            reopened.close();
        }
    }

    @Test
    void aChangeMadeAloneStillGoesThroughTheLog() {
        store.add(Fixtures.group("g1"));
        assertEquals(2, log.appended());
        assertTrue(store.byName(NodeGroup.class, "g1").isPresent());
        assertNull(store.byName(NodeGroup.class, "g9").orElse(null));
    }
}
