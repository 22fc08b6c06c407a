package org.garnet.core.internal.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.config.NodeMembership;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Node;
import org.garnet.core.internal.CoreConfig;
import org.garnet.core.internal.DataRoot;
import org.garnet.core.internal.Json;
import org.garnet.core.internal.noded.NodeDaemonComponent;
import org.garnet.crypto.Pem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * Both sides of a node's set-up (Ganeti's {@code prepare-node-join} and {@code node-daemon-setup} in one step):
 * the master issues the node's certificate with its copy of the cluster's authority and sends it, the authority
 * and the current ssconf facts, base64 JSON on the command line of {@code garnet:node-daemon-setup} in the node's
 * shell; the node refuses a request for another name or from another cluster, stores what it got and starts its
 * node daemon; the master waits up to {@value #DAEMON_WAIT_SECONDS} s for it.
 */
@Component(service = NodeMembership.class, configurationPid = CoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class NodeMembershipImpl implements NodeMembership {
    static final int DAEMON_WAIT_SECONDS = 30;
    private final ConfigStore store;
    private final NodeDaemonComponent daemon;
    private final LocalNode local;
    private final Path dataRoot;
    private final int port;

    @Activate
    public NodeMembershipImpl(@Reference ConfigStore store, @Reference NodeDaemonComponent daemon, CoreConfig config) {
        this.store = store;
        this.daemon = daemon;
        this.local = LocalNode.of(config);
        this.dataRoot = DataRoot.of(config);
        this.port = config.noded_port();
    }

    @Override
    public void setUp(String nodeName, String secondaryIp, boolean readd, boolean checkHostKey) {
        Cluster cluster = store.cluster().orElseThrow(() -> GanetiException.prereq(
                "This node is not part of a cluster (run 'gnt-cluster init' first)", ErrorCode.ECODE_STATE));
        var existing = store.byName(Node.class, nodeName);
        if (readd && existing.isEmpty()) {
            throw GanetiException.prereq("Node " + nodeName + " not in the cluster - please retry without '--readd'",
                    ErrorCode.ECODE_NOENT);
        }
        if (readd && existing.get().uuid().equals(cluster.masterNode())) {
            throw GanetiException.prereq("Node " + nodeName + " is the master, cannot readd", ErrorCode.ECODE_INVAL);
        }
        if (!readd && existing.isPresent()) {
            throw GanetiException.prereq("Node " + nodeName + " already in the cluster (as " + existing.get().name()
                    + ") - please retry with '--readd'", ErrorCode.ECODE_EXISTS);
        }
        String pip;
        try {
            pip = InetAddress.getByName(nodeName).getHostAddress();
        } catch (IOException e) {
            throw GanetiException.prereq("Failed to resolve hostname '" + nodeName + "'", ErrorCode.ECODE_RESOLVER);
        }
        String sip = secondaryIp == null || secondaryIp.isEmpty() ? pip : secondaryIp;
        NodeCrypto crypto = new NodeCrypto(dataRoot);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("cluster_name", cluster.name());
        request.put("node_name", nodeName);
        request.put("authority", crypto.authorityPem());
        request.put("node_identity", Pem.of(crypto.issue(nodeName, List.of(pip, sip))));
        request.put("ssconf", SsconfValues.of(store, new CandidateCerts(dataRoot).all(), new Ssconf(dataRoot)));
        String encoded;
        try {
            encoded = Base64.getEncoder().encodeToString(Json.mapper().writeValueAsBytes(request));
        } catch (IOException e) {
            throw GanetiException.exec("cannot encode the node set-up: " + e.getMessage());
        }
        new ClusterSsh(dataRoot).run(nodeName, pip, sshPort(), "garnet:node-daemon-setup " + encoded, checkHostKey,
                Duration.ofSeconds(60));
        awaitDaemon(nodeName, pip);
    }

    private void awaitDaemon(String nodeName, String address) {
        long deadline = System.nanoTime() + Duration.ofSeconds(DAEMON_WAIT_SECONDS).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 1_000);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw GanetiException.exec("Node daemon on " + nodeName + " (" + address + ":" + port + ") did not start "
                + "within " + DAEMON_WAIT_SECONDS + " s");
    }

    /** The SSH port of appliances: the same as this one's shell (Ganeti: the group's {@code ssh_port}). */
    private static int sshPort() {
        Path cfg = Path.of(System.getProperty("karaf.etc", "etc"), "org.apache.karaf.shell.cfg");
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(cfg)) {
            props.load(in);
            return Integer.parseInt(props.getProperty("sshPort", "8101").strip());
        } catch (IOException | NumberFormatException e) {
            return 8101;
        }
    }

    @Override
    public void accept(String request) {
        JsonNode r;
        try {
            r = Json.mapper().readTree(Base64.getDecoder().decode(request.strip()));
        } catch (IOException | IllegalArgumentException e) {
            throw GanetiException.prereq("Invalid node set-up request: " + e.getMessage(), ErrorCode.ECODE_INVAL);
        }
        daemon.settle(); // a removal of this node just before: its leave ends first
        String cluster = r.path("cluster_name").asText();
        String name = r.path("node_name").asText();
        if (!name.equals(local.name())) {
            throw GanetiException.prereq("This node is called '" + local.name() + "', not '" + name + "'",
                    ErrorCode.ECODE_INVAL);
        }
        if (org.garnet.core.internal.cluster.MasterRole.isMaster(store, local.name())) {
            throw GanetiException.prereq("This node is the master of cluster '" + store.cluster().orElseThrow().name()
                    + "'; it cannot join another cluster", ErrorCode.ECODE_STATE);
        }
        Ssconf ssconf = new Ssconf(dataRoot);
        ssconf.value("cluster_name").filter(n -> !n.equals(cluster)).ifPresent(n -> {
            throw GanetiException.prereq("This node already belongs to cluster '" + n + "'; remove it there first",
                    ErrorCode.ECODE_STATE);
        });
        Map<String, String> facts = new LinkedHashMap<>();
        r.path("ssconf").fields().forEachRemaining(e -> facts.put(e.getKey(), e.getValue().asText()));
        try {
            new NodeCrypto(dataRoot).install(r.path("authority").asText(), r.path("node_identity").asText());
        } catch (IllegalArgumentException e) {
            throw GanetiException.prereq("Invalid node set-up request: " + e.getMessage(), ErrorCode.ECODE_INVAL);
        }
        ssconf.write(facts);
        daemon.restart();
    }

}
