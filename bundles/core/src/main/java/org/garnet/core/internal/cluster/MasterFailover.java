package org.garnet.core.internal.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.garnet.api.ErrorClass;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.consensus.ConsensusException;
import org.garnet.api.consensus.ReplicatedLog;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Node;
import org.garnet.core.internal.node.ClusterPush;
import org.garnet.core.internal.node.LocalNode;
import org.garnet.core.internal.rpc.NodeRpc;

/**
 * {@code gnt-cluster master-failover}, run on the candidate that is to be the master. Ganeti's checks; then the
 * vote is Raft's: this node's member becomes the leader of the master candidates' group (which needs a majority
 * of them), the configuration names it the master (committed through the group), the old master gives up the
 * cluster IP, the nodes get the new facts, and this node takes the IP. The master services follow the
 * configuration: the job queue starts here (jobs that were running on the old master end in error, queued ones
 * run here), the old master's queue, RAPI and ssconf pushes stop.
 */
final class MasterFailover {
    /** How long the candidates have to make this node their leader. */
    static final Duration LEAD_TIMEOUT = Duration.ofSeconds(30);
    private final ConfigStore store;
    private final LocalNode local;
    private final NodeRpc nodes;

    private final java.nio.file.Path dataRoot;

    MasterFailover(ConfigStore store, LocalNode local, NodeRpc nodes, java.nio.file.Path dataRoot) {
        this.dataRoot = dataRoot;
        this.store = store;
        this.local = local;
        this.nodes = nodes;
    }

    /** Makes this node the master; returns the warnings to show (Ganeti's: steps that failed on the old master). */
    List<String> run(ReplicatedLog log, ClusterPush push) {
        return run(log, push, null);
    }

    /**
     * As {@link #run(ReplicatedLog, ClusterPush)}; with {@code forced} ({@code --no-voting}), when the candidates
     * do not make this node their leader within {@link #NO_VOTING_LEAD_TRY} (no majority answers), it founds a
     * new group of the candidates alone and takes the master's part in it.
     */
    List<String> run(ReplicatedLog log, ClusterPush push, org.garnet.api.consensus.ForcedTakeover forced) {
        synchronized (MasterFailover.class) {
            return manual(log, push, forced);
        }
    }

    /** How long {@code --no-voting} lets the candidates vote before this node goes on alone. */
    static final Duration NO_VOTING_LEAD_TRY = Duration.ofSeconds(10);

    private List<String> manual(ReplicatedLog log, ClusterPush push,
                                org.garnet.api.consensus.ForcedTakeover forced) {
        Cluster cluster = store.cluster().orElseThrow(() -> GanetiException.prereq(
                "This node is not a master candidate of a cluster (it holds no configuration)", ErrorCode.ECODE_STATE));
        Node old = store.get(Node.class, cluster.masterNode()).orElseThrow();
        if (old.name().equals(local.name())) {
            throw GanetiException.prereq("This commands must be run on the node where you want the new master to be."
                    + " " + old.name() + " is already the master", ErrorCode.ECODE_INVAL);
        }
        Node self = store.byName(Node.class, local.name()).filter(Node::masterCandidate).orElseThrow(() ->
                GanetiException.prereq("This node is not among the nodes marked as master candidates. Only these "
                        + "nodes can become masters. Current list of master candidates is:\n" + String.join("\n",
                        store.list(Node.class).stream().filter(Node::masterCandidate).map(Node::name)
                                .filter(n -> !n.equals(old.name())).toList()), ErrorCode.ECODE_STATE));
        if (log == null) {
            throw new GanetiException(ErrorClass.OpPrereqError, "This node's member of the master candidates' group "
                    + "is not running; it cannot take over", ErrorCode.ECODE_STATE);
        }
        List<String> warnings = new ArrayList<>();
        try {
            log.lead(forced == null ? LEAD_TIMEOUT : NO_VOTING_LEAD_TRY);
        } catch (ConsensusException e) {
            if (forced == null) {
                throw new GanetiException(ErrorClass.OpPrereqError, "Master-failover needs a majority of the master "
                        + "candidates to make this node their leader: " + e.getMessage() + " (--no-voting makes this "
                        + "node the master without them)", ErrorCode.ECODE_STATE);
            }
            try {
                forced.takeOverAlone(LEAD_TIMEOUT);
            } catch (ConsensusException f) {
                throw new GanetiException(ErrorClass.OpExecError, "Forced master-failover failed: " + f.getMessage(),
                        null);
            }
            warnings.add("The master candidates gave no majority (" + e.getMessage() + "); this node founded a new "
                    + "group of them alone, on the configuration and jobs it holds. The others join it when they "
                    + "are back; what the old master acknowledged after this node last heard from it is lost");
        }
        warnings.addAll(assume(cluster, old, self, push, OLD_MASTER_IP_WAIT_MANUAL));
        return warnings;
    }

    /**
     * The automatic failover, on the member that leads the master candidates' group while the configuration
     * still names another master (which lost the lead: dead, cut off or stopped): this node takes the master's
     * part as {@code master-failover} would, without Ganeti's interactive checks; the old master is waited for
     * only briefly. Returns the old master's name, or empty when there was nothing to take over.
     */
    java.util.Optional<String> takeOver(ReplicatedLog log, ClusterPush push) {
        synchronized (MasterFailover.class) {
            return automatic(log, push);
        }
    }

    private java.util.Optional<String> automatic(ReplicatedLog log, ClusterPush push) {
        Cluster cluster = store.cluster().orElse(null);
        if (cluster == null || log == null || !log.leading()) {
            return java.util.Optional.empty();
        }
        Node old = store.get(Node.class, cluster.masterNode()).orElse(null);
        Node self = store.byName(Node.class, local.name()).filter(Node::masterCandidate).orElse(null);
        if (old == null || self == null || old.uuid().equals(self.uuid())) {
            return java.util.Optional.empty();
        }
        // the lead with the master's priority, so that the old master, once back, does not get it again
        log.lead(LEAD_TIMEOUT);
        List<String> warnings = assume(cluster, old, self, push, OLD_MASTER_IP_WAIT_AUTOMATIC);
        warnings.forEach(w -> org.slf4j.LoggerFactory.getLogger(MasterFailover.class).warn("{}", w));
        return java.util.Optional.of(old.name());
    }

    /** How long a manual failover waits for the old master to give up the cluster IP (Ganeti's RPC timeout). */
    static final Duration OLD_MASTER_IP_WAIT_MANUAL = Duration.ofSeconds(300);
    /** How long an automatic one does: the old master is most likely dead or cut off. */
    static final Duration OLD_MASTER_IP_WAIT_AUTOMATIC = Duration.ofSeconds(1);

    /** The master's part moves here: the configuration names this node, the cluster IP and the facts follow. */
    private List<String> assume(Cluster cluster, Node old, Node self, ClusterPush push, Duration oldIpWait) {
        takeCandidateCerts();
        Cluster now = store.update(Cluster.class, cluster.uuid(), c -> c.toBuilder().masterNode(self.uuid()).build());
        // this node's own facts name it first: the master pushes only while they do
        new org.garnet.core.internal.node.Ssconf(dataRoot).put("master_node", self.name());
        List<String> warnings = new ArrayList<>();
        // the nodes learn the new master while the cluster IP moves
        java.util.concurrent.CompletableFuture<Void> facts = push == null
                ? java.util.concurrent.CompletableFuture.completedFuture(null)
                : java.util.concurrent.CompletableFuture.runAsync(push::push);
        if (!old.offline()) {
            java.util.concurrent.CompletableFuture<Void> off = java.util.concurrent.CompletableFuture.runAsync(
                    () -> MasterNetwork.turn(nodes.at(old), now, false));
            try {
                off.get(oldIpWait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                warnings.add("Could not disable the master IP: " + old.name() + " did not answer within "
                        + oldIpWait.toSeconds() + " s");
            } catch (java.util.concurrent.ExecutionException e) {
                warnings.add("Could not disable the master IP: " + (e.getCause() == null ? e : e.getCause())
                        .getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            MasterNetwork.turn(nodes.at(self), now, true);
        } catch (GanetiException e) {
            warnings.add("Could not activate the master IP on this node: " + e.getMessage());
        }
        facts.join(); // bounded by the push's own wait
        return warnings;
    }

    /**
     * The candidates' certificate digests the master keeps (and pushes as {@code ssconf_master_candidates_certs},
     * which the node daemons admit): the new master takes them from the facts it was last given, which the old
     * master wrote from its own list.
     */
    private void takeCandidateCerts() {
        org.garnet.core.internal.node.CandidateCerts certs = new org.garnet.core.internal.node.CandidateCerts(dataRoot);
        java.util.Map<String, String> known = new org.garnet.core.internal.node.Ssconf(dataRoot).candidateCerts();
        if (known.isEmpty()) {
            return;
        }
        certs.clear();
        known.forEach(certs::put);
    }
}
