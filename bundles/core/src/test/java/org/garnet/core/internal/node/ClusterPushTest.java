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
    void theCandidatesGroupTheMastersOwnFactsNameGoesToEveryNode() {
        new Ssconf(dir).put(SsconfValues.RAFT_GROUP, "1 6f1c2a4e-1b7d-4c1e-9d55-0b6a3f1e2d3c");
        assertEquals(List.of(), push.push());
        assertEquals("1 6f1c2a4e-1b7d-4c1e-9d55-0b6a3f1e2d3c", received.get("node3.example.com").get("raft_group"));
    }

    @Test
    void aMasterWhoseOwnFactsNameAnotherMasterPushesNothing() {
        // its configuration still names it (stale: a forced take-over made node2 the master meanwhile)
        ClusterPush stale = new ClusterPush(f.store(), new NodeRpc((node, procedure, args, timeout) -> {
            received.put(node.name(), (Map<?, ?>) args.get(0));
            return CompletableFuture.completedFuture(NullNode.getInstance());
        }), dir, Duration.ofMillis(500), "node1.example.com");
        try {
            new Ssconf(dir).put("master_node", "node2.example.com");
            assertEquals(List.of(), stale.push());
            assertEquals(Set.of(), received.keySet());
            new Ssconf(dir).put("master_node", "node1.example.com");
            stale.push();
            assertEquals(Set.of("node1.example.com", "node2.example.com", "node3.example.com"), received.keySet());
        } finally {
            stale.deactivate();
        }
    }

    @Test
    void factsOfAnOlderGroupOfTheSameClusterAreRefused() {
        Map<String, String> held = Map.of("cluster_uuid", "c1", "raft_group", "2 g2");
        assertEquals(null, SsconfValues.staleGroup(Map.of("cluster_uuid", "c1", "raft_group", "2 g2"), held));
        assertEquals(null, SsconfValues.staleGroup(Map.of("cluster_uuid", "c1", "raft_group", "3 g3"), held));
        assertEquals("Refusing the facts of the master candidates' group of epoch 0: this node is in the group of "
                + "epoch 2 (founded by master-failover --no-voting); the sender is not the master any more",
                SsconfValues.staleGroup(Map.of("cluster_uuid", "c1"), held));
        assertEquals(null, SsconfValues.staleGroup(Map.of("cluster_uuid", "c2"), held), "another cluster's");
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
