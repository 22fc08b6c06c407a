package org.garnet.core.internal.lu.instance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.locks.LockLevel;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.rpc.NodeRpc;

/**
 * Base of the units that act on one existing instance: {@code instance_name} (and {@code instance_uuid}) as
 * parameters, the instance locked exclusively, its nodes (and their resources) locked exclusively, the
 * instance and its primary node looked up under the locks.
 */
abstract class InstanceOp implements OpDefinition {
    protected ConfigStore store;
    protected Drivers drivers;
    protected NodeRpc nodes;

    protected abstract List<OpParam> ownParams();

    /** The work, under the locks; {@code inst} and {@code cluster} as read in the prerequisites. */
    protected abstract Object run(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode);

    /** Checks under the locks, before the job is marked running. */
    protected void check(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
    }

    @Override
    public List<OpParam> params() {
        List<OpParam> out = new ArrayList<>(List.of(
                OpParam.required("instance_name", ParamType.STRING, "Instance name"),
                OpParam.optional("instance_uuid", ParamType.STRING, null, "Instance UUID")));
        out.addAll(ownParams());
        return out;
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        String name = (String) op.params().get("instance_name");
        return new LogicalUnit() {
            private Cluster cluster;
            private Instance inst;
            private Node pnode;

            @Override
            public void declareLocks(LockPlan plan) {
                Instance found = Instances.require(store, name);
                plan.need(LockLevel.INSTANCE, Set.of(found.name()), false);
                List<String> nodes = new ArrayList<>();
                nodes.add(found.primaryNode());
                nodes.addAll(found.secondaryNodes());
                plan.need(LockLevel.NODE, Set.copyOf(nodes), false);
                plan.need(LockLevel.NODE_RES, Set.copyOf(nodes), false);
            }

            @Override
            public void checkPrereq() {
                cluster = Instances.cluster(store);
                inst = Instances.require(store, name);
                pnode = Instances.primary(store, inst);
                check(op, ctx, cluster, inst, pnode);
            }

            @Override
            public Object exec() {
                return run(op, ctx, cluster, inst, pnode);
            }
        };
    }

    static Map<String, Object> p(OpCode op) {
        return op.params();
    }
}
