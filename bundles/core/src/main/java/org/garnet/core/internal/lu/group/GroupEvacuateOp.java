package org.garnet.core.internal.lu.group;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.JobDependency;
import org.garnet.api.jobs.JobStatus;
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
 * {@code OP_GROUP_EVACUATE} ({@code gnt-group evacuate [--to GROUP] GROUP}, Ganeti's LUGroupEvacuate): the
 * instances with a node in the group get places in the target groups (those given, else every other group) from
 * the IAllocator's {@code change-group} answer, whose jobs are submitted as jobs of their own (the reason trail
 * inherited, so a {@code rate-limit:N:} reason bounds how many run at once). {@code force_failover} turns the
 * migrations into failovers; {@code sequential} makes each job wait for the one before.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + GroupEvacuateOp.OP)
public class GroupEvacuateOp implements OpDefinition {
    static final String OP = "OP_GROUP_EVACUATE";

    @Reference
    ConfigStore store;
    @Reference
    Drivers drivers;
    @Reference
    NodeRpc rpc;

    public GroupEvacuateOp() {
    }

    public GroupEvacuateOp(ConfigStore store, Drivers drivers, NodeRpc rpc) {
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
        return List.of(OpParam.required("group_name", ParamType.STRING, "Group name"),
                OpParam.optional("early_release", ParamType.BOOL, false, "Whether to release locks as soon as "
                        + "possible"),
                OpParam.optional("iallocator", ParamType.STRING, null, "Iallocator for computing solution"),
                OpParam.optional("target_groups", ParamType.STRING_LIST, null, "Destination group names or UUIDs"),
                OpParam.optional("sequential", ParamType.BOOL, false, "Sequential job execution"),
                OpParam.optional("force_failover", ParamType.BOOL, false, "Disallow migration moves and always "
                        + "use failovers"));
    }

    /** Ganeti's LookupNodeGroup: a group by name or uuid. */
    static NodeGroup lookup(ConfigStore store, String nameOrUuid) {
        return store.byName(NodeGroup.class, nameOrUuid).or(() -> store.get(NodeGroup.class, nameOrUuid))
                .orElseThrow(() -> GanetiException.prereq("Group '" + nameOrUuid + "' not found",
                        ErrorCode.ECODE_NOENT));
    }

    /** The uuids of the groups named (by name or uuid); none when {@code names} is null. */
    static List<String> uuids(ConfigStore store, List<String> names) {
        List<String> out = new ArrayList<>();
        for (String g : names == null ? List.<String>of() : names) {
            out.add(lookup(store, g).uuid());
        }
        return out;
    }

    /** Ganeti's GetDefaultIAllocator: the one asked for, else the cluster's default, else an error. */
    static String allocator(ConfigStore store, String asked) {
        String a = asked != null && !asked.equals(".") ? asked : store.cluster().orElseThrow().defaultIallocator();
        if (a == null || a.isEmpty()) {
            throw GanetiException.prereq("No iallocator was specified, neither in the opcode nor as a cluster-wide "
                    + "default", ErrorCode.ECODE_INVAL);
        }
        return a;
    }

    @Override
    @SuppressWarnings("unchecked")
    public LogicalUnit create(OpCode op, LuContext ctx) {
        Map<String, Object> p = op.params();
        return new LogicalUnit() {
            private NodeGroup group;
            private List<String> requested;
            private List<String> targets;
            private List<String> instances;
            private String allocator;

            @Override
            public void declareLocks(LockPlan plan) {
                group = lookup(store, (String) p.get("group_name"));
                requested = uuids(store, (List<String>) p.get("target_groups"));
                if (requested.contains(group.uuid())) {
                    throw GanetiException.prereq("Group to be evacuated (" + group.uuid() + ") can not be used as a "
                            + "target group (targets are " + String.join(", ", requested) + ")",
                            ErrorCode.ECODE_INVAL);
                }
                allocator = allocator(store, (String) p.get("iallocator"));
                Set<String> members = new HashSet<>();
                store.list(Node.class).stream().filter(n -> n.group().equals(group.uuid()))
                        .forEach(n -> members.add(n.uuid()));
                instances = store.list(Instance.class).stream().filter(i -> members.contains(i.primaryNode())
                        || i.secondaryNodes().stream().anyMatch(members::contains)).map(Instance::name).sorted()
                        .toList();
                plan.need(LockLevel.INSTANCE, Set.copyOf(instances), true);
                if (requested.isEmpty()) {
                    plan.need(LockLevel.NODEGROUP, LockPlan.ALL, true);
                    plan.need(LockLevel.NODE, LockPlan.ALL, true);
                } else {
                    Set<String> groups = new HashSet<>(requested);
                    groups.add(group.uuid());
                    Set<String> nodes = new HashSet<>();
                    store.list(Node.class).stream().filter(n -> groups.contains(n.group()))
                            .forEach(n -> nodes.add(n.uuid()));
                    plan.need(LockLevel.NODEGROUP, groups, true);
                    plan.need(LockLevel.NODE, nodes, true);
                }
            }

            @Override
            public void checkPrereq() {
                if (!requested.isEmpty()) {
                    targets = requested;
                } else {
                    targets = store.list(NodeGroup.class).stream().map(NodeGroup::uuid)
                            .filter(u -> !u.equals(group.uuid())).sorted().toList();
                    if (targets.isEmpty()) {
                        throw GanetiException.prereq("There are no possible target groups", ErrorCode.ECODE_INVAL);
                    }
                }
            }

            @Override
            public Object exec() {
                List<List<OpCode>> jobs = instances.isEmpty() ? List.of() : allocate();
                ctx.feedback(" - INFO: Iallocator returned " + jobs.size() + " job(s) for evacuating node group "
                        + group.name());
                if (Boolean.TRUE.equals(p.get("force_failover"))) {
                    ctx.feedback(" - INFO: Will insist on failovers");
                    jobs = jobs.stream().map(j -> j.stream().map(GroupEvacuateOp::toFailover).toList()).toList();
                }
                if (Boolean.TRUE.equals(p.get("sequential")) && jobs.size() > 1) {
                    ctx.feedback(" - INFO: Jobs will be submitted to run sequentially");
                    List<List<OpCode>> chained = new ArrayList<>(List.of(jobs.get(0)));
                    for (List<OpCode> j : jobs.subList(1, jobs.size())) {
                        chained.add(j.stream().map(o -> o.withDepends(List.of(new JobDependency(-1,
                                List.of(JobStatus.error, JobStatus.success))))).toList());
                    }
                    jobs = chained;
                }
                return new ResultWithJobs(jobs, Map.of());
            }

            private List<List<OpCode>> allocate() {
                Cluster cluster = store.cluster().orElseThrow();
                var figures = AllocRequests.figures(rpc, store, cluster, cluster.enabledHypervisors().get(0),
                        cluster.enabledDiskTemplates().get(0));
                Map<String, Object> resp = drivers.allocators().run(allocator, AllocateRequest.buildChangeGroup(
                        store, cluster, figures, new TreeSet<>(figures.keySet()), instances, targets),
                        cluster.defaultIallocatorParams());
                return EvacResult.load(resp, "group evacuation", allocator, ctx,
                        Boolean.TRUE.equals(p.get("early_release")), false, op.priority());
            }
        };
    }

    /** Ganeti's _MigrateToFailover: a migration as the equivalent failover; any other opcode unchanged. */
    public static OpCode toFailover(OpCode o) {
        if (!o.opId().equals("OP_INSTANCE_MIGRATE")) {
            return o;
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("instance_name", o.params().get("instance_name"));
        for (String k : List.of("instance_uuid", "target_node", "target_node_uuid", "ignore_ipolicy", "cleanup")) {
            if (o.params().get(k) != null) {
                f.put(k, o.params().get(k));
            }
        }
        return OpCode.of("OP_INSTANCE_FAILOVER", f).withPriority(o.priority()).withReason(o.reason());
    }
}
