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

    /** Nodes locked besides the instance's own (uuids): the node it moves to; {@link LockPlan#ALL} for all. */
    protected Set<String> moreNodes(OpCode op, Instance found) {
        return Set.of();
    }

    /**
     * Whether the job waits, holding no lock, while the instance's hypervisor, disk templates or ExtStorage
     * providers are away from its primary node (by default it does).
     */
    protected boolean waitsForDrivers(OpCode op) {
        return true;
    }

    /** The OS definition whose scripts this opcode runs on the instance (null: none), for the driver wait. */
    protected String osRun(OpCode op, Instance inst) {
        return null;
    }

    /** Checks under the locks, before the job is marked running. */
    protected void check(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
    }

    /** As {@link #check}, returning what the checks decided for {@link #run(OpCode, LuContext, Cluster, Instance,
     * Node, Object)} (by default nothing). */
    protected Object prepare(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        check(op, ctx, cluster, inst, pnode);
        return null;
    }

    /** As {@link #run(OpCode, LuContext, Cluster, Instance, Node)} with what {@link #prepare} decided. */
    protected Object run(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode, Object prepared) {
        return run(op, ctx, cluster, inst, pnode);
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
            private Object prepared;

            @Override
            public void declareLocks(LockPlan plan) {
                Instance found = Instances.require(store, name);
                plan.need(LockLevel.INSTANCE, Set.of(found.name()), false);
                List<String> nodes = new ArrayList<>();
                nodes.add(found.primaryNode());
                nodes.addAll(found.secondaryNodes());
                Set<String> more = moreNodes(op, found);
                if (more != LockPlan.ALL) {
                    nodes.addAll(more);
                }
                Set<String> locked = more == LockPlan.ALL ? LockPlan.ALL : Set.copyOf(nodes);
                plan.need(LockLevel.NODE, locked, false);
                plan.need(LockLevel.NODE_RES, locked, false);
            }

            @Override
            public java.util.Optional<String> missingDriver() {
                Instance found = store.byName(Instance.class, name).orElse(null);
                if (found == null || !waitsForDrivers(op)) {
                    return java.util.Optional.empty();
                }
                Node primary = store.get(Node.class, found.primaryNode()).orElse(null);
                return primary == null || primary.offline() ? java.util.Optional.empty()
                        : java.util.Optional.ofNullable(nodes.at(primary).missingDriver(found.hypervisor(),
                        found.disks().stream().map(org.garnet.api.model.Disk::devType).distinct().toList(),
                        ExtDisks.providers(found.disks()), osRun(op, found)));
            }

            @Override
            public void checkPrereq() {
                cluster = Instances.cluster(store);
                inst = Instances.require(store, name);
                pnode = Instances.primary(store, inst);
                prepared = prepare(op, ctx, cluster, inst, pnode);
            }

            @Override
            public Object exec() {
                return run(op, ctx, cluster, inst, pnode, prepared);
            }
        };
    }

    static Map<String, Object> p(OpCode op) {
        return op.params();
    }
}
