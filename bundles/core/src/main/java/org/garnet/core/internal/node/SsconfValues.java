package org.garnet.core.internal.node;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;

/** The ssconf facts of a cluster as its configuration says them (Ganeti's WConfd {@code mkSSConf}). */
public final class SsconfValues {
    private SsconfValues() {
    }

    /**
     * Garnet's own key (Ganeti has none): the master candidates' Raft group, {@code EPOCH GROUP-UUID}, once a
     * {@code master-failover --no-voting} founded a new one (absent before: the group is named by the cluster).
     */
    public static final String RAFT_GROUP = "raft_group";

    /** Garnet's own key: the cluster's ExtStorage search path, a directory per line (absent: each node's own). */
    public static final String EXTSTORAGE_SEARCH_PATH = "extstorage_search_path";

    /** The facts the master pushes: the configuration's, and the candidates' group as its own facts say it. */
    public static Map<String, String> of(ConfigStore store, Map<String, String> candidateCerts, Ssconf own) {
        return of(store, candidateCerts, own.value(RAFT_GROUP));
    }

    /** As above, with the candidates' group already read from the master's own facts. */
    static Map<String, String> of(ConfigStore store, Map<String, String> candidateCerts,
                                  java.util.Optional<String> raftGroup) {
        Map<String, String> v = of(store, candidateCerts);
        raftGroup.filter(g -> !g.isBlank()).ifPresent(g -> v.put(RAFT_GROUP, g));
        return v;
    }

    /**
     * Why facts pushed to a node are refused, or null: they name the node's cluster but an older candidates'
     * group than the node holds (their sender was the master of a group that a forced take-over replaced, and
     * came back before it learnt so). Facts of another cluster (one made after a destroy) are taken.
     */
    public static String staleGroup(Map<String, String> pushed, Map<String, String> held) {
        return !newerGroup(held, pushed) ? null : "Refusing the facts of the master candidates' group of epoch "
                + epoch(pushed.get(RAFT_GROUP)) + ": this node is in the group of epoch " + epoch(held.get(RAFT_GROUP))
                + " (founded by master-failover --no-voting); the sender is not the master any more";
    }

    /** Whether {@code a} are facts of the same cluster as {@code b} and of a newer candidates' group. */
    static boolean newerGroup(Map<String, String> a, Map<String, String> b) {
        String cluster = a.getOrDefault("cluster_uuid", "").strip();
        return !cluster.isEmpty() && cluster.equals(b.getOrDefault("cluster_uuid", "").strip())
                && epoch(a.get(RAFT_GROUP)) > epoch(b.get(RAFT_GROUP));
    }

    private static long epoch(String raftGroup) {
        if (raftGroup == null || raftGroup.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(raftGroup.strip().split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public static Map<String, String> of(ConfigStore store, Map<String, String> candidateCerts) {
        Cluster c = store.cluster().orElseThrow();
        List<Node> nodes = store.list(Node.class).stream().sorted(Comparator.comparing(Node::name)).toList();
        Node master = nodes.stream().filter(n -> n.uuid().equals(c.masterNode())).findFirst().orElseThrow();
        List<Node> candidates = nodes.stream().filter(n -> n.masterCandidate() || n == master).toList();
        Map<String, String> v = new TreeMap<>();
        v.put("cluster_name", c.name());
        // Garnet's own key (Ganeti has none for it): the cluster's identity, which names the master candidates'
        // Raft group; a cluster destroyed and made again under the same name is another cluster
        v.put("cluster_uuid", c.uuid());
        v.put("master_ip", c.masterIp());
        v.put("master_netdev", c.masterNetdev());
        v.put("master_netmask", String.valueOf(c.masterNetmask()));
        v.put("master_node", master.name());
        v.put("master_candidates", lines(candidates.stream().map(Node::name).toList()));
        v.put("master_candidates_ips", lines(candidates.stream().map(Node::primaryIp).toList()));
        v.put("master_candidates_certs", lines(candidateCerts.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        v.put("node_list", lines(nodes.stream().map(Node::name).toList()));
        v.put("online_nodes", lines(nodes.stream().filter(n -> !n.offline()).map(Node::name).toList()));
        v.put("offline_nodes", lines(nodes.stream().filter(Node::offline).map(Node::name).toList()));
        v.put("node_primary_ips", lines(nodes.stream().map(n -> n.name() + " " + n.primaryIp()).toList()));
        v.put("node_secondary_ips", lines(nodes.stream().map(n -> n.name() + " " + n.secondaryIp()).toList()));
        v.put("node_vm_capable", lines(nodes.stream().map(n -> n.name() + "=" + (n.vmCapable() ? "True" : "False"))
                .toList()));
        v.put("instance_list", lines(store.list(Instance.class).stream().map(Instance::name).sorted().toList()));
        v.put("nodegroups", lines(store.list(NodeGroup.class).stream().map(g -> g.uuid() + " " + g.name())
                .sorted().toList()));
        v.put("hypervisor_list", lines(c.enabledHypervisors()));
        v.put("cluster_tags", lines(c.tags().stream().sorted().toList()));
        v.put("primary_ip_family", c.primaryIpVersion() == 6 ? "10" : "2");
        v.put("file_storage_dir", c.fileStorageDir());
        v.put("shared_file_storage_dir", c.sharedFileStorageDir());
        v.put("release_version", SoftwareVersion.text());
        if (!c.extStorageSearchPath().isEmpty()) {
            // Garnet's own key (Ganeti builds the path in): where the node's ext template looks for providers
            v.put(EXTSTORAGE_SEARCH_PATH, lines(c.extStorageSearchPath()));
        }
        return v;
    }

    private static String lines(List<String> values) {
        return values.stream().collect(Collectors.joining("\n"));
    }
}
