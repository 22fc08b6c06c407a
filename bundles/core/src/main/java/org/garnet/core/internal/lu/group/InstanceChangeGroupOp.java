package org.garnet.core.internal.lu.group;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.locks.LockLevel;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.garnet.api.lu.ResultWithJobs;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.iallocator.AllocateRequest;
import org.garnet.core.internal.lu.instance.AllocRequests;
import org.garnet.core.internal.lu.node.EvacResult;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_INSTANCE_CHANGE_GROUP} ({@code gnt-instance change-group [--to GROUP] INSTANCE}, Ganeti's
 * LUInstanceChangeGroup): the instance gets a place in one of the target groups (those given, else every group it
 * does not use) from the IAllocator's {@code change-group} answer, whose jobs are submitted as jobs of their own.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + InstanceChangeGroupOp.OP)
public class InstanceChangeGroupOp implements OpDefinition {
    static final String OP = "OP_INSTANCE_CHANGE_GROUP";

    @Reference
    ConfigStore store;
    @Reference
    Drivers drivers;
    @Reference
    NodeRpc rpc;

    public InstanceChangeGroupOp() {
    }

    public InstanceChangeGroupOp(ConfigStore store, Drivers drivers, NodeRpc rpc) {
        this.store = store;
        this.drivers = drivers;
        this.rpc = rpc;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.required("instance_name", ParamType.STRING, "Instance name"),
                OpParam.optional("instance_uuid", ParamType.STRING, null, "Instance UUID"),
                OpParam.optional("early_release", ParamType.BOOL, false, "Whether to release locks as soon as "
                        + "possible"),
                OpParam.optional("iallocator", ParamType.STRING, null, "Iallocator for computing solution"),
                OpParam.optional("target_groups", ParamType.STRING_LIST, null, "Destination group names or UUIDs"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public LogicalUnit create(OpCode op, LuContext ctx) {
        Map<String, Object> p = op.params();
        return new LogicalUnit() {
            private Instance inst;
            private List<String> requested;
            private Set<String> targets;
            private String allocator;

            @Override
            public void declareLocks(LockPlan plan) {
                String name = (String) p.get("instance_name");
                inst = store.byName(Instance.class, name).orElseThrow(() -> GanetiException.prereq(
                        "Instance '" + name + "' not known", ErrorCode.ECODE_NOENT));
                requested = GroupEvacuateOp.uuids(store, (List<String>) p.get("target_groups"));
                allocator = GroupEvacuateOp.allocator(store, (String) p.get("iallocator"));
                plan.need(LockLevel.INSTANCE, Set.of(inst.name()), false);
                plan.need(LockLevel.NODEGROUP, LockPlan.ALL, true);
                plan.need(LockLevel.NODE, LockPlan.ALL, true);
            }

            @Override
            public void checkPrereq() {
                Set<String> nodes = new HashSet<>(inst.secondaryNodes());
                nodes.add(inst.primaryNode());
                Set<String> used = new TreeSet<>();
                store.list(Node.class).stream().filter(n -> nodes.contains(n.uuid())).forEach(n -> used.add(n.group()));
                if (!requested.isEmpty()) {
                    targets = new TreeSet<>(requested);
                } else {
                    targets = new TreeSet<>();
                    store.list(NodeGroup.class).forEach(g -> targets.add(g.uuid()));
                    targets.removeAll(used);
                }
                Set<String> conflicting = new TreeSet<>(targets);
                conflicting.retainAll(used);
                if (!conflicting.isEmpty()) {
                    throw GanetiException.prereq("Can't use group(s) '" + String.join(", ", conflicting) + "' as "
                            + "targets, they are used by the instance '" + inst.name() + "'", ErrorCode.ECODE_INVAL);
                }
                if (targets.isEmpty()) {
                    throw GanetiException.prereq("There are no possible target groups", ErrorCode.ECODE_INVAL);
                }
            }

            @Override
            public Object exec() {
                Cluster cluster = store.cluster().orElseThrow();
                var figures = AllocRequests.figures(rpc, store, cluster, inst.hypervisor(), inst.diskTemplate());
                Map<String, Object> resp = drivers.allocators().run(allocator, AllocateRequest.buildChangeGroup(
                        store, cluster, figures, new TreeSet<>(figures.keySet()), List.of(inst.name()),
                        List.copyOf(targets)), cluster.defaultIallocatorParams());
                List<List<OpCode>> jobs = EvacResult.load(resp, "solution for changing group of instance '"
                        + inst.name() + "'", allocator, ctx,
                        Boolean.TRUE.equals(p.get("early_release")), false, op.priority());
                ctx.feedback(" - INFO: Iallocator returned " + jobs.size() + " job(s) for changing group of "
                        + "instance '" + inst.name() + "'");
                return new ResultWithJobs(jobs, Map.of());
            }
        };
    }
}
