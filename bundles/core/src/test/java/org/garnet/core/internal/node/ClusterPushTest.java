package org.garnet.core.internal.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.garnet.api.GanetiException;
import org.garnet.api.model.Node;
import org.garnet.core.internal.jobs.QueueAccess;
import org.garnet.core.internal.rpc.NodeRpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ssconf push reaches every online node at once and gives up on a hung one after its wait, naming it and
 * the failed ones; the catch-up later brings a node that failed up to date.
 */
class ClusterPushTest {
    @TempDir
    Path dir;
    QueueAccess f;
    final CompletableFuture<JsonNode> hang = new CompletableFuture<>();
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    final Set<String> hanging = ConcurrentHashMap.newKeySet();
    final Map<String, Map<?, ?>> received = new ConcurrentHashMap<>();
    ClusterPush push;

    @BeforeEach
    void setUp() {
        f = new QueueAccess(dir);
        String group = f.store().byName(Node.class, "node1.example.com").orElseThrow().group();
        for (String name : List.of("node2.example.com", "node3.example.com")) {
            f.store().add(new Node(UUID.randomUUID().toString(), name, 0, 0, 0, "127.0.0.1", "127.0.0.1", group,
                    false, false, false, true, true, null, Map.of(), Set.of()));
        }
        f.store().add(new Node(UUID.randomUUID().toString(), "node4.example.com", 0, 0, 0, "127.0.0.1",
                "127.0.0.1", group, false, false, true, true, true, null, Map.of(), Set.of()));
        NodeRpc rpc = new NodeRpc((node, procedure, args, timeout) -> {
            assertEquals("write_ssconf_files", procedure);
            if (hanging.contains(node.name())) {
                return hang;
            }
            if (failing.contains(node.name())) {
                return CompletableFuture.failedFuture(GanetiException.exec("node " + node.name() + " is down"));
            }
            received.put(node.name(), (Map<?, ?>) args.get(0));
            return CompletableFuture.completedFuture(NullNode.getInstance());
        });
        push = new ClusterPush(f.store(), rpc, dir, Duration.ofMillis(500));
    }

    @AfterEach
    void tearDown() {
        hang.complete(NullNode.getInstance());
        push.deactivate();
        f.close();
    }

    @Test
    void everyOnlineNodeGetsTheFacts() {
        assertEquals(List.of(), push.push());
        assertEquals(Set.of("node1.example.com", "node2.example.com", "node3.example.com"), received.keySet());
        assertEquals("node1.example.com", received.get("node2.example.com").get("master_node"));
        assertTrue(((String) received.get("node3.example.com").get("node_list")).contains("node4.example.com"));
    }

    @Test
    void aHungNodeDelaysThePushOnlyByTheWait() {
        hanging.add("node2.example.com");
        failing.add("node3.example.com");
        long start = System.nanoTime();
        List<String> failed = push.push();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of("node2.example.com", "node3.example.com"), failed.stream().sorted().toList());
        assertTrue(millis < 5_000, "push took " + millis + " ms");
        assertEquals(Set.of("node1.example.com"), received.keySet());
    }

    @Test
    void theCatchUpReachesANodeThatWasDown() {
        failing.add("node3.example.com");
        assertEquals(List.of("node3.example.com"), push.push());
        failing.clear();
        received.clear();
        push.catchUp();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> received.containsKey("node3.example.com"));
        assertEquals(Set.of("node3.example.com"), received.keySet(), "nodes already current are not sent again");
    }
}
