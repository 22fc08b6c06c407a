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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_CLUSTER_ACTIVATE_MASTER_IP} ({@code gnt-cluster activate-master-ip}; no RAPI resource in Ganeti): the master's
 * node daemon runs the master IP setup script; no locks, as in Ganeti. A failing script fails the job with the
 * script's exit status and output.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + ClusterActivateMasterIpOp.OP)
public class ClusterActivateMasterIpOp implements OpDefinition {
    static final String OP = "OP_CLUSTER_ACTIVATE_MASTER_IP";
    private final ConfigStore store;
    private final NodeRpc rpc;

    @Activate
    public ClusterActivateMasterIpOp(@Reference ConfigStore store, @Reference NodeRpc rpc) {
        this.store = store;
        this.rpc = rpc;
    }

    @Override
    public String opId() {
        return OP;
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
                    rpc.at(master).activateMasterIp(MasterNetwork.params(c), MasterNetwork.USE_EXTERNAL_SCRIPT);
                } catch (GanetiException e) {
                    throw GanetiException.exec("Could not activate the master IP: " + e.getMessage());
                }
                return null;
            }
        };
    }
}
