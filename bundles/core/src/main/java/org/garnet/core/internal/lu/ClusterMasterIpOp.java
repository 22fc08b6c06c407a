package org.garnet.core.internal.lu;

import java.util.List;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Node;
import org.garnet.core.internal.cluster.MasterNetwork;
import org.garnet.core.internal.rpc.NodeRpc;

/**
 * What {@code OP_CLUSTER_ACTIVATE_MASTER_IP} and {@code OP_CLUSTER_DEACTIVATE_MASTER_IP} share: the master's node
 * daemon runs the master IP setup script; no locks, as in Ganeti. A failing script fails the job with the
 * script's exit status and output, behind Ganeti's "Could not (de)activate the master IP".
 */
abstract class ClusterMasterIpOp implements OpDefinition {
    private final ConfigStore store;
    private final NodeRpc rpc;
    private final boolean on;

    ClusterMasterIpOp(ConfigStore store, NodeRpc rpc, boolean on) {
        this.store = store;
        this.rpc = rpc;
        this.on = on;
    }

    @Override
    public List<OpParam> params() {
        return List.of();
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        return new LogicalUnit() {
            @Override
            public void declareLocks(LockPlan plan) {
            }

            @Override
            public Object exec() {
                Cluster c = store.cluster().orElseThrow();
                Node master = store.get(Node.class, c.masterNode()).orElseThrow();
                try {
                    MasterNetwork.turn(rpc.at(master), c, on);
                } catch (GanetiException e) {
                    throw GanetiException.exec("Could not " + (on ? "activate" : "deactivate")
                            + " the master IP: " + e.getMessage());
                }
                return null;
            }
        };
    }
}
