package org.garnet.core.internal.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ClusterInfo;
import org.garnet.api.config.ClusterInitRequest;
import org.garnet.api.config.ClusterService;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.config.NodeLiveData;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Node;
import org.garnet.api.rapi.RapiCertificate;
import org.garnet.core.internal.CoreConfig;
import org.garnet.core.internal.DataRoot;
import org.garnet.core.internal.node.CandidateCerts;
import org.garnet.core.internal.node.ClusterPush;
import org.garnet.core.internal.node.ClusterSsh;
import org.garnet.core.internal.node.NodeCrypto;
import org.garnet.core.internal.node.Ssconf;
import org.garnet.core.internal.noded.NodeDaemonComponent;
import org.garnet.core.internal.rpc.NodeRpc;
import org.garnet.core.internal.policy.IPolicies;
import org.garnet.core.internal.node.LocalNode;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** The cluster service over the configuration store. */
@Component(service = ClusterService.class, configurationPid = CoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class ClusterServiceImpl implements ClusterService {
    private final ConfigStore store;
    private final LocalNode local;
    private final Path dataRoot;
    private final NodeRpc nodes;
    private final NodeCrypto crypto;
    /** Pushes the new cluster's facts to this node (its own ssconf) after {@code init}. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ClusterPush push;
    /** This appliance's node daemon: started once {@code init} made the certificates. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile NodeDaemonComponent nodeDaemon;
    /** This node's member of the master candidates' group, while it runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile org.garnet.api.consensus.ReplicatedLog replicatedLog;
    /** {@code master-failover --no-voting}'s way out of a group with no majority. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile org.garnet.api.consensus.ForcedTakeover forcedTakeover;
    /**
     * The RAPI's certificate while the RAPI runs: {@code init} gives the new cluster its own, as Ganeti does. Got
     * only when used: the RAPI needs this service, so getting it while this one activates is a cycle.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile org.osgi.service.component.ComponentServiceObjects<RapiCertificate> rapiCertificate;

    @Activate
    public ClusterServiceImpl(@Reference ConfigStore store, @Reference NodeRpc nodes, CoreConfig config) {
        this(store, LocalNode.of(config), DataRoot.of(config), nodes);
    }

    /**
     * For tests: this node served in process by a driver registry without drivers (a factory, not a third
     * constructor of three arguments, which SCR would try as its own).
     */
    public static ClusterServiceImpl inProcess(ConfigStore store, LocalNode local, Path dataRoot) {
        return new ClusterServiceImpl(store, local, dataRoot, NodeRpc.inProcess(
                new org.garnet.core.internal.drivers.Drivers(new org.garnet.core.internal.os.OsCatalog(
                        dataRoot.resolve("os")), List.of()), dataRoot));
    }

    public ClusterServiceImpl(ConfigStore store, LocalNode local, Path dataRoot, NodeRpc nodes) {
        this.store = store;
        this.local = local;
        this.dataRoot = dataRoot;
        this.nodes = nodes;
        this.crypto = new NodeCrypto(dataRoot);
    }

    @Override
    public Cluster init(ClusterInitRequest request) {
        if (store.cluster().isPresent()) {
            throw GanetiException.prereq("Cluster is already initialised", ErrorCode.ECODE_STATE);
        }
        ClusterInit.Result r = new ClusterInit(local, dataRoot).build(request);
        ClusterInit.prepareDirectories(r.cluster());
        // Ganeti's bootstrap: the cluster's certificates first, then the configuration, then the node daemon
        crypto.createCluster(r.cluster().name(), local.name(), List.of(local.address(), r.master().secondaryIp()));
        new ClusterSsh(dataRoot).ensureKey();
        CandidateCerts certs = new CandidateCerts(dataRoot);
        certs.clear();
        certs.put(r.master().uuid(), crypto.fingerprint());
        store.initialize(r.cluster(), List.of(r.group(), r.master()));
        // this node's own facts first: its daemon admits the new master's certificate from them
        new Ssconf(dataRoot).write(org.garnet.core.internal.node.SsconfValues.of(store, certs.all()));
        NodeDaemonComponent daemon = nodeDaemon;
        if (daemon != null) {
            daemon.restart();
        }
        ClusterPush pusher = push;
        if (pusher != null) {
            pusher.push();
        }
        org.garnet.core.internal.Lazy.use(rapiCertificate, RapiCertificate::renew);
        masterIp(true);
        return cluster();
    }

    /**
     * Turns the cluster IP on (or off) on the master, as Ganeti's master daemon does when it starts (and
     * {@code gnt-cluster destroy} when the cluster ends); a failure is logged, not fatal, as in Ganeti.
     */
    private void masterIp(boolean on) {
        try {
            MasterNetwork.turn(nodes.at(masterNode()), cluster(), on);
        } catch (GanetiException e) {
            org.slf4j.LoggerFactory.getLogger(ClusterServiceImpl.class).warn("Error {} the master IP address: {}",
                    on ? "activating" : "disabling", e.getMessage());
        }
    }

    @Override
    public void requireMaster() {
        java.util.Optional<String> master = store.cluster().isPresent() ? MasterRole.master(store)
                : new Ssconf(dataRoot).value("master_node");
        master.filter(m -> !m.isEmpty() && !m.equals(local.name()))
                .ifPresent(m -> {
                    throw GanetiException.prereq("This is not the master node, please connect to node '" + m
                            + "' and rerun the command", ErrorCode.ECODE_INVAL);
                });
    }

    @Override
    public Double watcherPause(Double until) {
        Cluster current = cluster();
        return store.update(Cluster.class, current.uuid(), c -> c.toBuilder().watcherPause(until).build())
                .watcherPause();
    }

    @Override
    public List<String> masterFailover() {
        return masterFailover(false);
    }

    @Override
    public List<String> masterFailover(boolean noVoting) {
        return new MasterFailover(store, local, nodes, dataRoot).run(replicatedLog, push,
                noVoting ? forcedTakeover : null);
    }

    @Override
    public Cluster cluster() {
        return store.cluster().orElseThrow(() -> GanetiException.prereq(
                "This node is not part of a cluster (run 'gnt-cluster init' first)", ErrorCode.ECODE_STATE));
    }

    @Override
    public ClusterInfo info() {
        Cluster c = cluster();
        return new ClusterInfo(c, masterNode().name(), System.getProperty("sun.arch.data.model", "64") + "bits", machine(),
                org.garnet.core.internal.os.OsCatalog.of(dataRoot).stream().map(Path::toString).toList(),
                c.extStorageSearchPath().isEmpty() ? org.garnet.core.internal.os.OsCatalog.extStorage(dataRoot).stream()
                        .map(Path::toString).toList() : c.extStorageSearchPath(),
                softwareVersion(),
                IPolicies.toDict(c.ipolicy()), Defaults.fixedSettings());
    }

    @Override
    public Node masterNode() {
        Cluster c = cluster();
        return store.get(Node.class, c.masterNode()).orElseThrow(() -> new GanetiException(
                org.garnet.api.ErrorClass.ConfigurationError, "master node " + c.masterNode() + " missing", null));
    }

    @Override
    public Cluster modify(Map<String, Object> opParams) {
        Cluster current = cluster();
        Cluster changed = ClusterModify.apply(current, opParams);
        if (!changed.fileStorageDir().equals(current.fileStorageDir())
                || !changed.sharedFileStorageDir().equals(current.sharedFileStorageDir())) {
            ClusterInit.prepareDirectories(changed);
        }
        Cluster out = store.update(Cluster.class, current.uuid(), c -> ClusterModify.apply(c, opParams));
        if (!out.extStorageSearchPath().equals(current.extStorageSearchPath())
                || !out.fileStorageDir().equals(current.fileStorageDir())
                || !out.sharedFileStorageDir().equals(current.sharedFileStorageDir())
                || !out.enabledHypervisors().equals(current.enabledHypervisors())) {
            ClusterPush pusher = push; // the facts every node holds changed: each node gets them now
            if (pusher != null) {
                pusher.push();
            }
        }
        return out;
    }

    @Override
    public List<org.garnet.api.release.NodeRelease> releases() {
        List<Node> all = store.list(Node.class).stream().sorted(java.util.Comparator.comparing(Node::name)).toList();
        var answers = nodes.each(all.stream().filter(n -> !n.offline()).toList(),
                org.garnet.core.internal.rpc.NodeClient::releases);
        return all.stream().map(n -> {
            if (n.offline()) {
                return org.garnet.api.release.NodeRelease.failed(n.name(), "node is offline");
            }
            var a = answers.get(n.name());
            return a.error() == null ? a.value()
                    : org.garnet.api.release.NodeRelease.failed(n.name(), a.error().getMessage());
        }).toList();
    }

    @Override
    public void destroy() {
        cluster();
        masterIp(false);
        store.destroy();
        new Ssconf(dataRoot).clear(); // this node no longer knows a cluster
    }

    /** The node's live figures through its node daemon; null when it is offline or does not answer. */
    @Override
    public NodeLiveData liveData(Node node) {
        if (node.offline()) {
            return null;
        }
        try {
            return nodes.at(node).liveData(cluster().fileStorageDir());
        } catch (GanetiException e) {
            return null;
        }
    }

    @Override
    public String softwareVersion() {
        var bundle = FrameworkUtil.getBundle(ClusterServiceImpl.class);
        if (bundle == null) {
            return "0.1.0";
        }
        var v = bundle.getVersion();
        return v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
    }

    private static String machine() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }
}
