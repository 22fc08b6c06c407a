package org.garnet.core.internal.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.garnet.api.GanetiException;
import org.garnet.api.model.Node;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.node.NodeCrypto;
import org.garnet.core.internal.node.Ssconf;
import org.garnet.core.internal.noded.NodeDaemon;
import org.garnet.core.internal.noded.NodeProcedures;
import org.garnet.core.internal.os.OsCatalog;
import org.garnet.hypervisor.fake.internal.FakeHypervisor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node RPC client and node daemon with real TLS on loopback: who gets answers, who is refused, what fails. */
class NodeRpcTlsTest {
    @TempDir
    Path dir;
    private Path master;
    private Path node;
    private NodeDaemon daemon;
    private int port;
    private Node target;

    @BeforeEach
    void setUp() throws Exception {
        master = Files.createDirectories(dir.resolve("master"));
        node = Files.createDirectories(dir.resolve("node"));
        NodeCrypto masterCrypto = new NodeCrypto(master);
        masterCrypto.createCluster("cluster.example.com", "node1.example.com", List.of("127.0.0.1"));
        // the node joins: the authority and a certificate issued by the master, the master admitted
        new NodeCrypto(node).install(masterCrypto.authorityPem(), org.garnet.crypto.Pem.of(
                masterCrypto.issue("node2.example.com", List.of("127.0.0.1"))));
        new Ssconf(node).write(Map.of("master_candidates_certs", "m=" + masterCrypto.fingerprint()));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Drivers drivers = new Drivers(new OsCatalog(node.resolve("os")), List.of());
        drivers.bindHypervisor(new FakeHypervisor(node.resolve("run"), org.garnet.hypervisor.fake.internal.MemInfo.proc()),
                Map.of("hypervisor.type", "fake"));
        daemon = new NodeDaemon(new NodeProcedures(drivers, node, 10000), node, "127.0.0.1", port);
        daemon.restart();
        target = new Node("u2", "node2.example.com", 0, 0, 0, "127.0.0.1", "127.0.0.1", "g", true, false, false,
                true, true, true, Map.of(), Set.of());
    }

    @AfterEach
    void tearDown() {
        daemon.stop();
    }

    @Test
    void theMasterCallsTheNodeOverMutualTls() {
        NodeRpc rpc = new NodeRpc(new HttpsTransport(master, port));
        assertEquals(10000, rpc.at(target).version());
        assertEquals(List.of("fake"), rpc.at(target).hypervisorTypes());
        assertTrue(rpc.at(target).hypervisor("fake").list().isEmpty());
    }

    @Test
    void aNodeProcedureErrorKeepsItsGanetiClassAndCode() {
        NodeRpc rpc = new NodeRpc(new HttpsTransport(master, port));
        GanetiException e = assertThrows(GanetiException.class, () -> rpc.at(target).hypervisor("kvm").list());
        assertEquals("Hypervisor 'kvm' is not available (its bundle is not active)", e.getMessage());
        assertEquals(org.garnet.api.ErrorCode.ECODE_ENVIRON, e.code());
    }

    @Test
    void aClusterCertificateThatIsNotAdmittedIsRefused() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        NodeCrypto masterCrypto = new NodeCrypto(master);
        new NodeCrypto(other).install(masterCrypto.authorityPem(), org.garnet.crypto.Pem.of(
                masterCrypto.issue("node3.example.com", List.of("127.0.0.1"))));
        NodeRpc rpc = new NodeRpc(new HttpsTransport(other, port));
        GanetiException e = assertThrows(GanetiException.class, () -> rpc.at(target).version());
        assertTrue(e.getMessage().startsWith("Error while calling version on node node2.example.com (127.0.0.1:"
                + port + ")"), e.getMessage());
    }

    @Test
    void aStoppedNodeDaemonIsAnErrorNamingTheNode() {
        daemon.stop();
        NodeRpc rpc = new NodeRpc(new HttpsTransport(master, port));
        long t0 = System.nanoTime();
        GanetiException e = assertThrows(GanetiException.class, () -> rpc.at(target).version());
        assertTrue(e.getMessage().contains("node node2.example.com"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "within the connect timeout");
    }

    @Test
    void offlineNodesAreNotCalledAndSeveralNodesAnswerTogether() {
        NodeRpc rpc = new NodeRpc(new HttpsTransport(master, port));
        Node offline = new Node("u3", "node3.example.com", 0, 0, 0, "127.0.0.1", "127.0.0.1", "g", false, false,
                true, true, true, true, Map.of(), Set.of());
        assertEquals("Node node3.example.com is marked offline",
                assertThrows(GanetiException.class, () -> rpc.at(offline)).getMessage());
        var answers = rpc.each(List.of(target, target), NodeClient::version);
        assertTrue(answers.get("node2.example.com").ok());
    }

    @Test
    void aCallToANodeThatSwapsWaitsForItsDaemonAndOnlyThen() throws Exception {
        NodeRpc rpc = new NodeRpc(new HttpsTransport(master, port));
        assertEquals(10000, rpc.at(target).version()); // a kept-alive connection the stopped daemon closes
        daemon.stop();
        rpc.swapping(target.name(), true);
        assertTrue(!rpc.at(target).answers(java.time.Duration.ofMillis(500)), "a liveness probe does not wait");
        java.util.concurrent.CompletableFuture<Integer> call = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> rpc.at(target).version());
        // the call is still waiting once the daemon has been away for a while; it answers when the daemon is back
        org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(1500))
                .atMost(java.time.Duration.ofSeconds(5)).until(() -> !call.isDone());
        daemon.restart();
        assertEquals(10000, call.get(20, java.util.concurrent.TimeUnit.SECONDS));
        daemon.stop();
        rpc.swapping(target.name(), false);
        GanetiException e = assertThrows(GanetiException.class, () -> rpc.at(target).version());
        assertTrue(e.getMessage().contains("node node2.example.com"), "once it swaps no more, at once: "
                + e.getMessage());
    }
}
