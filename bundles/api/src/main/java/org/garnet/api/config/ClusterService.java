package org.garnet.api.config;

import java.util.Map;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Node;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Cluster-level operations shared by the shell and the RAPI. Errors are {@link org.garnet.api.GanetiException}
 * with Ganeti's wording and codes; nothing is stored when a check fails.
 */
@ProviderType
public interface ClusterService {
    /** Initialises a cluster with this node as its master ({@code gnt-cluster init}). */
    Cluster init(ClusterInitRequest request);

    /** The cluster; {@code OpPrereqError} if this node is not in a cluster. */
    Cluster cluster();

    /** The data shown by {@code gnt-cluster info}. */
    ClusterInfo info();

    /** The master node. */
    Node masterNode();

    /**
     * Changes cluster parameters. Keys are the parameter names of Ganeti's {@code OP_CLUSTER_SET_PARAMS}
     * ({@code max_running_jobs}, {@code enabled_hypervisors}, ...); unknown keys are refused.
     */
    Cluster modify(Map<String, Object> opParams);

    /**
     * Per node, in the order of their names: the Garnet version it runs and those installed beside it
     * ({@code gnt-cluster version}); a node that is offline or does not answer says why instead.
     */
    default java.util.List<org.garnet.api.release.NodeRelease> releases() {
        return java.util.List.of();
    }

    /** Destroys the cluster configuration on this node ({@code gnt-cluster destroy --yes-do-it}). */
    void destroy();

    /**
     * Ganeti's check before a command that needs the master: nothing when this node is the master (or belongs
     * to no cluster: the command then says so); {@code OpPrereqError ECODE_INVAL} "This is not the master
     * node, please connect to node 'X' and rerun the command" on another node of a cluster.
     */
    void requireMaster();

    /**
     * Ganeti's {@code SetWatcherPause}: the watcher pauses until {@code until} (epoch seconds; null: it runs again);
     * answers what is stored. Replicated with the configuration, so a new master keeps it.
     */
    default Double watcherPause(Double until) {
        throw new UnsupportedOperationException("watcher pause");
    }

    /**
     * {@code gnt-cluster master-failover}, run on the master candidate that is to be the master: makes it the
     * master (through a majority of the candidates); returns the warnings to show. Ganeti's errors when this node
     * is the master already or not a candidate.
     */
    java.util.List<String> masterFailover();

    /**
     * As {@link #masterFailover()}; with {@code noVoting} (Ganeti's {@code --no-voting}), when the candidates
     * give no majority (most are down), this node founds a new group of them alone on the configuration it
     * holds and becomes the master; the others join it when they are back.
     */
    default java.util.List<String> masterFailover(boolean noVoting) {
        return masterFailover();
    }

    /** Live figures of a node (memory, CPUs, storage) through its node daemon; null when it does not answer. */
    NodeLiveData liveData(Node node);

    /** Garnet's software version. */
    String softwareVersion();
}
