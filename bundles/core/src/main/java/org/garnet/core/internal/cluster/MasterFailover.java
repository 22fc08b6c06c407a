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
        try {
            log.lead(LEAD_TIMEOUT);
        } catch (ConsensusException e) {
            throw new GanetiException(ErrorClass.OpPrereqError, "Master-failover needs a majority of the master "
                    + "candidates to make this node their leader: " + e.getMessage(), ErrorCode.ECODE_STATE);
        }
        takeCandidateCerts();
        Cluster now = store.update(Cluster.class, cluster.uuid(), c -> c.toBuilder().masterNode(self.uuid()).build());
        List<String> warnings = new ArrayList<>();
        if (!old.offline()) {
            try {
                MasterNetwork.turn(nodes.at(old), now, false);
            } catch (GanetiException e) {
                warnings.add("Could not disable the master IP: " + e.getMessage());
            }
        }
        if (push != null) {
            push.push();
        }
        try {
            MasterNetwork.turn(nodes.at(self), now, true);
        } catch (GanetiException e) {
            warnings.add("Could not activate the master IP on this node: " + e.getMessage());
        }
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
