package org.garnet.core.internal.lu;

import java.util.List;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.locks.LockLevel;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Node;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_CLUSTER_REDIST_CONF} ({@code gnt-cluster redist-conf}, RAPI {@code PUT /2/redistribute-config}):
 * with every node lock held shared, writes the cluster object again (a new serial number, as Ganeti's
 * {@code cfg.Update} does) and pushes the configuration to the other online nodes. A Garnet cluster has only
 * its master node so far, whose store is the configuration itself: the job log names the nodes that would
 * receive it, none yet, and the result is {@code null} as in Ganeti.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + ClusterRedistConfOp.OP)
public class ClusterRedistConfOp implements OpDefinition {
    static final String OP = "OP_CLUSTER_REDIST_CONF";

    @Reference
    ConfigStore store;

    public ClusterRedistConfOp() {
    }

    public ClusterRedistConfOp(ConfigStore store) {
        this.store = store;
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
                plan.need(LockLevel.NODE, LockPlan.ALL, true);
            }

            @Override
            public Object exec() {
                Cluster c = store.cluster().orElseThrow();
                store.update(Cluster.class, c.uuid(), cluster -> cluster);
                List<String> others = store.list(Node.class).stream()
                        .filter(n -> !n.uuid().equals(c.masterNode()) && !n.offline()).map(Node::name).toList();
                ctx.feedback("Redistributing the configuration to " + others.size() + " other online node(s)"
                        + (others.isEmpty() ? "" : ": " + String.join(", ", others)));
                return null;
            }
        };
    }
}
