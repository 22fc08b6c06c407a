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
 * {@code cfg.Update} does) and pushes the cluster's facts (ssconf) to every online node now, naming those that did
 * not take them; the configuration itself stays on the master. The result is {@code null} as in Ganeti.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + ClusterRedistConfOp.OP)
public class ClusterRedistConfOp implements OpDefinition {
    static final String OP = "OP_CLUSTER_REDIST_CONF";

    @Reference
    ConfigStore store;

    @Reference
    org.garnet.core.internal.node.ClusterPush push;

    public ClusterRedistConfOp() {
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
                List<String> failed = push.push();
                if (!failed.isEmpty()) {
                    ctx.feedback("Warning: could not update node(s) " + String.join(", ", failed));
                }
                return null;
            }
        };
    }
}
