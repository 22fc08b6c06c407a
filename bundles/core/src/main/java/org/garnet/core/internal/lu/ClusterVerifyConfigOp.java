package org.garnet.core.internal.lu;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.locks.LockLevel;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_CLUSTER_VERIFY_CONFIG}: the configuration's own consistency (master node, node groups, instance
 * nodes), reported through the job log as Ganeti does ({@code * Verifying ...}, {@code   - ERROR: ...});
 * result {@code true} when nothing is wrong.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + ClusterVerifyConfigOp.OP)
public class ClusterVerifyConfigOp implements OpDefinition {
    static final String OP = "OP_CLUSTER_VERIFY_CONFIG";

    @Reference
    ConfigStore store;

    public ClusterVerifyConfigOp() {
    }

    public ClusterVerifyConfigOp(ConfigStore store) {
        this.store = store;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return VerifyParams.common(false);
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        return new LogicalUnit() {
            @Override
            public void declareLocks(LockPlan plan) {
                plan.need(LockLevel.NODEGROUP, LockPlan.ALL, true);
                plan.need(LockLevel.NODE, LockPlan.ALL, true);
            }

            @Override
            public Object exec() {
                Verifier v = new Verifier(ctx, Boolean.TRUE.equals(op.params().get("debug_simulate_errors")));
                ctx.feedback("* Verifying cluster config");
                Cluster cluster = store.cluster().orElse(null);
                if (cluster == null) {
                    v.error("cluster", null, "the cluster configuration is missing");
                    return v.ok();
                }
                List<Node> nodes = store.list(Node.class);
                Set<String> nodeUuids = new HashSet<>();
                nodes.forEach(n -> nodeUuids.add(n.uuid()));
                v.check(nodeUuids.contains(cluster.masterNode()), "cluster", null,
                        "master node " + cluster.masterNode() + " is not in the configuration");
                ctx.feedback("* Verifying all nodes belong to an existing group");
                Set<String> groups = new HashSet<>();
                store.list(NodeGroup.class).forEach(g -> groups.add(g.uuid()));
                for (Node n : nodes) {
                    v.check(groups.contains(n.group()), "node", n.name(),
                            "node belongs to a non-existing group " + n.group());
                }
                ctx.feedback("* Verifying instance nodes");
                for (Instance i : store.list(Instance.class)) {
                    v.check(nodeUuids.contains(i.primaryNode()), "instance", i.name(),
                            "primary node " + i.primaryNode() + " is not in the configuration");
                }
                v.simulated();
                return v.ok();
            }
        };
    }
}
