package org.garnet.core.internal.lu.node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.iallocator.AllocateRequest;
import org.garnet.core.internal.lu.instance.AllocRequests;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_NODE_EVACUATE} ({@code gnt-node evacuate}, Ganeti's LUNodeEvacuate): the node's primary (or
 * secondary) instances get new places from the IAllocator's {@code node-evacuate} answer, whose jobs (failover,
 * migration, replace-disks opcodes) are submitted as jobs of their own; with a new secondary node given, one
 * replace-disks job per secondary instance. Ganeti refuses mode {@code all} (its allocator interface cannot
 * evacuate both at once).
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + NodeEvacuateOp.OP)
public class NodeEvacuateOp implements OpDefinition {
    static final String OP = "OP_NODE_EVACUATE";

    @Reference
    ConfigStore store;
    @Reference
    Drivers drivers;
    @Reference
    NodeRpc rpc;

    public NodeEvacuateOp() {
    }

    public NodeEvacuateOp(ConfigStore store, Drivers drivers, NodeRpc rpc) {
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
        return List.of(OpParam.required("node_name", ParamType.STRING, "Node name"),
                OpParam.optional("node_uuid", ParamType.STRING, null, "Node UUID"),
                OpParam.optional("early_release", ParamType.BOOL, false, "Whether to release locks as soon as "
                        + "possible"),
                OpParam.optional("remote_node", ParamType.STRING, null, "New secondary node"),
                OpParam.optional("remote_node_uuid", ParamType.STRING, null, "New secondary node UUID"),
                OpParam.optional("iallocator", ParamType.STRING, null, "Iallocator for computing solution"),
                OpParam.required("mode", ParamType.STRING, "Node evacuation mode")
                        .oneOf("primary-only", "secondary-only", "all"),
                OpParam.optional("ignore_soft_errors", ParamType.BOOL, null, "Ignore soft htools errors"));
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        Map<String, Object> p = op.params();
        String mode = (String) p.get("mode");
        String remoteName = (String) p.get("remote_node");
        return new LogicalUnit() {
            private Node node;
            private Node remote;
            private String allocator;
            private List<Instance> instances;

            @Override
            public void checkArguments() {
                if (remoteName != null && p.get("iallocator") != null) {
                    throw GanetiException.prereq("Do not specify both, iallocator and node", ErrorCode.ECODE_INVAL);
                }
            }

            @Override
            public void declareLocks(LockPlan plan) {
                node = Nodes.require(store, (String) p.get("node_name"));
                if (remoteName != null) {
                    remote = Nodes.require(store, remoteName);
                    if (remote.uuid().equals(node.uuid())) {
                        throw GanetiException.prereq("Can not use evacuated node as a new secondary node",
                                ErrorCode.ECODE_INVAL);
                    }
                    if (!mode.equals("secondary-only")) {
                        throw GanetiException.prereq("Without the use of an iallocator only secondary instances "
                                + "can be evacuated", ErrorCode.ECODE_INVAL);
                    }
                } else {
                    Cluster cluster = store.cluster().orElseThrow();
                    String asked = (String) p.get("iallocator");
                    allocator = asked != null && !asked.equals(".") ? asked : cluster.defaultIallocator();
                    if (allocator == null || allocator.isEmpty()) {
                        throw GanetiException.prereq("No iallocator or node given and no cluster-wide default "
                                + "iallocator found; please specify either an iallocator or a node, or set a "
                                + "cluster-wide default iallocator", ErrorCode.ECODE_INVAL);
                    }
                }
                if (mode.equals("all")) {
                    throw GanetiException.prereq("Due to an issue with the iallocator interface it is not possible "
                            + "to evacuate all instances at once; specify explicitly whether to evacuate primary "
                            + "or secondary instances", ErrorCode.ECODE_INVAL);
                }
                instances = store.list(Instance.class).stream().filter(i -> mode.equals("primary-only")
                        ? i.primaryNode().equals(node.uuid()) : i.secondaryNodes().contains(node.uuid()))
                        .sorted(java.util.Comparator.comparing(Instance::name)).toList();
                Set<String> nodes = new HashSet<>();
                nodes.add(node.uuid());
                if (remote != null) {
                    nodes.add(remote.uuid());
                } else {
                    store.list(Node.class).stream().filter(n -> n.group().equals(node.group()))
                            .forEach(n -> nodes.add(n.uuid()));
                }
                plan.need(LockLevel.INSTANCE, Set.copyOf(instances.stream().map(Instance::name).toList()), true);
                plan.need(LockLevel.NODEGROUP, Set.of(node.group()), true);
                plan.need(LockLevel.NODE, nodes, true);
            }

            @Override
            public void checkPrereq() {
                if (instances.isEmpty()) {
                    ctx.feedback("No instances to evacuate from node '" + node.name() + "'");
                } else {
                    ctx.feedback("Evacuating instances from node '" + node.name() + "': "
                            + String.join(", ", instances.stream().map(Instance::name).toList()));
                }
                if (remote != null) {
                    for (Instance i : instances) {
                        if (i.primaryNode().equals(remote.uuid())) {
                            throw GanetiException.prereq("Node " + remote.name() + " is the primary node of "
                                    + "instance " + i.name() + ", cannot use it as secondary",
                                    ErrorCode.ECODE_INVAL);
                        }
                    }
                }
            }

            @Override
            public Object exec() {
                List<List<OpCode>> jobs = new ArrayList<>();
                if (instances.isEmpty()) {
                    return new ResultWithJobs(jobs, Map.of());
                }
                if (remote != null) {
                    for (Instance i : instances) {
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("instance_name", i.name());
                        r.put("remote_node", remote.name());
                        r.put("disks", List.of());
                        r.put("mode", "replace_new_secondary");
                        r.put("early_release", Boolean.TRUE.equals(p.get("early_release")));
                        jobs.add(List.of(OpCode.of("OP_INSTANCE_REPLACE_DISKS", r).withPriority(op.priority())));
                    }
                    return new ResultWithJobs(jobs, Map.of());
                }
                return new ResultWithJobs(evacuate(), Map.of());
            }

            /** Ganeti's node-evacuate request and LoadNodeEvacResult. */
            private List<List<OpCode>> evacuate() {
                Cluster cluster = store.cluster().orElseThrow();
                // the figures asked of the nodes depend on a hypervisor and a template only for memory and file
                // storage: the cluster's first of each stands for all the instances here
                var figures = AllocRequests.figures(rpc, store, cluster, cluster.enabledHypervisors().get(0),
                        cluster.enabledDiskTemplates().get(0));
                Set<String> usable = new HashSet<>(figures.keySet());
                Map<String, Object> resp = drivers.allocators().run(allocator, AllocateRequest.buildNodeEvacuate(
                        store, cluster, figures, usable, instances.stream().map(Instance::name).toList(), mode,
                        Boolean.TRUE.equals(p.get("ignore_soft_errors"))), cluster.defaultIallocatorParams());
                return EvacResult.load(resp, "node evacuation", allocator, ctx,
                        Boolean.TRUE.equals(p.get("early_release")), true, op.priority());
            }
        };
    }
}
