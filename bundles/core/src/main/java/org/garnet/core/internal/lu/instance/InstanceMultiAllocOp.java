package org.garnet.core.internal.lu.instance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.rpc.NodeRpc;
import org.garnet.core.internal.iallocator.AllocateRequest;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_INSTANCE_MULTI_ALLOC} ({@code gnt-instance batch-create}, RAPI {@code POST /2/instances-multi-alloc}):
 * places several new instances with one {@code multi-allocate} IAllocator request (or on the nodes every
 * definition names) and submits one {@code OP_INSTANCE_CREATE} job per instance that could be placed, with its
 * nodes filled in. Creates nothing itself. Result: {@code {"jobs": [[true, id], ...], "allocatable": [names],
 * "failed": [names]}}.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + InstanceMultiAllocOp.OP)
public class InstanceMultiAllocOp implements OpDefinition {
    static final String OP = "OP_INSTANCE_MULTI_ALLOC";
    /** Ganeti's internally mirrored templates: they need a secondary node too. */
    private static final Set<String> INT_MIRROR = Set.of("drbd");
    /** The common opcode fields an instance definition may carry; they do not go into the created opcodes. */
    private static final Set<String> COMMON = Set.of("OP_ID", "comment", "priority", "depends", "reason",
            "dry_run", "debug_level");
    private static final List<OpParam> PARAMS = List.of(
            OpParam.optional("opportunistic_locking", ParamType.BOOL, false, "Lock nodes opportunistically "
                    + "(nodes other jobs hold are left out of the placement)"),
            OpParam.optional("iallocator", ParamType.STRING, null, "The IAllocator placing every instance "
                    + "(default: the cluster's)"),
            OpParam.optional("instances", ParamType.LIST, List.of(), "The OP_INSTANCE_CREATE parameters of each "
                    + "instance"));

    @Reference
    ConfigStore store;

    @Reference
    Drivers drivers;

    @Reference
    NodeRpc nodes;

    public InstanceMultiAllocOp() {
    }

    public InstanceMultiAllocOp(ConfigStore store, Drivers drivers) {
        this.store = store;
        this.drivers = drivers;
        this.nodes = NodeRpc.inProcess(drivers);
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return PARAMS;
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        return new Unit(op, ctx);
    }

    /**
     * One instance definition checked against {@code OP_INSTANCE_CREATE}'s parameters, with defaults filled in;
     * {@code index} names it in messages.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> definition(int index, Object raw) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw GanetiException.prereq("Instance definition " + index + " is not a dictionary: " + raw,
                    ErrorCode.ECODE_INVAL);
        }
        Map<String, Object> given = new LinkedHashMap<>((Map<String, Object>) m);
        Object opId = given.get("OP_ID");
        if (opId != null && !InstanceCreateOp.OP.equals(opId)) {
            throw GanetiException.prereq("Instance definition " + index + " is not an " + InstanceCreateOp.OP
                    + " opcode but " + opId, ErrorCode.ECODE_INVAL);
        }
        given.keySet().removeAll(COMMON);
        Map<String, OpParam> known = new LinkedHashMap<>();
        InstanceCreateOp.PARAMS.forEach(p -> known.put(p.name(), p));
        Set<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(known.keySet());
        if (!unknown.isEmpty()) {
            throw GanetiException.prereq("Unknown fields in definition " + index + ": " + String.join(", ",
                    unknown), ErrorCode.ECODE_INVAL);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (OpParam p : known.values()) {
            Object v = given.get(p.name());
            if (v == null) {
                if (p.required()) {
                    throw GanetiException.prereq("Instance definition " + index + " lacks the required parameter '"
                            + p.name() + "' (" + p.type().description() + ")", ErrorCode.ECODE_INVAL);
                }
                v = p.defaultValue();
            } else if (!p.type().accepts(v)) {
                throw GanetiException.prereq("Parameter '" + p.name() + "' of instance definition " + index
                        + " must be " + p.type().description() + ", not " + v, ErrorCode.ECODE_INVAL);
            }
            out.put(p.name(), v);
        }
        for (Object d : (List<Object>) out.get("disks")) {
            if (!(d instanceof Map<?, ?> dm) || !(dm.get("size") instanceof Number)) {
                throw GanetiException.prereq("Invalid disk specification " + d + ": a size (MiB) is required",
                        ErrorCode.ECODE_INVAL);
            }
        }
        for (Object n : (List<Object>) out.get("nics")) {
            if (!(n instanceof Map<?, ?>)) {
                throw GanetiException.prereq("Invalid NIC specification " + n, ErrorCode.ECODE_INVAL);
            }
        }
        return out;
    }

    private final class Unit implements LogicalUnit {
        private final OpCode op;
        private final LuContext ctx;
        private final List<Map<String, Object>> defs = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        private boolean withNodes;
        private String allocator;
        private LockPlan plan;
        private List<Map.Entry<String, List<String>>> placed;
        private List<String> failed;

        Unit(OpCode op, LuContext ctx) {
            this.op = op;
            this.ctx = ctx;
        }

        @Override
        public void checkArguments() {
            List<?> raw = (List<?>) op.params().get("instances");
            List<Boolean> nodes = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) {
                Map<String, Object> d = definition(i, raw.get(i));
                if (d.get("iallocator") != null) {
                    throw GanetiException.prereq("iallocator are not allowed to be set on instance objects",
                            ErrorCode.ECODE_INVAL);
                }
                nodes.add(d.get("pnode") != null);
                if (INT_MIRROR.contains(d.get("disk_template"))) {
                    nodes.add(d.get("snode") != null);
                }
                defs.add(d);
                names.add((String) d.get("instance_name"));
            }
            withNodes = nodes.stream().anyMatch(b -> b);
            if (withNodes && !nodes.stream().allMatch(b -> b)) {
                throw GanetiException.prereq("There are instance objects providing pnode/snode while others do not",
                        ErrorCode.ECODE_INVAL);
            }
            Set<String> seen = new LinkedHashSet<>();
            Set<String> dups = new LinkedHashSet<>();
            names.forEach(n -> {
                if (!seen.add(n)) {
                    dups.add(n);
                }
            });
            if (!dups.isEmpty()) {
                throw GanetiException.prereq("There are duplicate instance names: " + String.join(", ", dups),
                        ErrorCode.ECODE_INVAL);
            }
        }

        @Override
        public void declareLocks(LockPlan lockPlan) {
            this.plan = lockPlan;
            Cluster cluster = Instances.cluster(store);
            requireNew();
            if (!withNodes) {
                allocator = op.params().get("iallocator") != null ? (String) op.params().get("iallocator")
                        : cluster.defaultIallocator();
                if (allocator == null || allocator.isEmpty()) {
                    throw GanetiException.prereq("No iallocator or nodes on the instances given and no "
                            + "cluster-wide default iallocator found; please specify either an iallocator or "
                            + "nodes on the instances or set a cluster-wide default iallocator",
                            ErrorCode.ECODE_INVAL);
                }
            }
            lockPlan.need(LockLevel.INSTANCE, new TreeSet<>(names), false);
            if (allocator != null) {
                if (Boolean.TRUE.equals(op.params().get("opportunistic_locking"))) {
                    lockPlan.opportunistic(LockLevel.NODE, LockPlan.ALL, true, 1);
                } else {
                    lockPlan.need(LockLevel.NODE, LockPlan.ALL, true);
                }
                return;
            }
            Set<String> uuids = new TreeSet<>();
            for (Map<String, Object> d : defs) {
                for (String key : List.of("pnode", "snode")) {
                    String given = (String) d.get(key);
                    if (given != null) {
                        uuids.add(store.byName(Node.class, given).orElseThrow(() -> GanetiException.prereq(
                                "Node '" + given + "' not known", ErrorCode.ECODE_NOENT)).uuid());
                    }
                }
            }
            lockPlan.need(LockLevel.NODE, uuids, true);
            lockPlan.need(LockLevel.NODE_RES, uuids, true);
        }

        @Override
        public void beforeLevel(LockLevel level, LockPlan lockPlan) {
            if (level == LockLevel.NODE_RES && allocator != null) {
                lockPlan.need(LockLevel.NODE_RES, lockPlan.held(LockLevel.NODE), true);
            }
        }

        private void requireNew() {
            for (String n : names) {
                if (store.byName(Instance.class, n).isPresent()) {
                    throw GanetiException.prereq("Instance '" + n + "' is already in the cluster",
                            ErrorCode.ECODE_EXISTS);
                }
            }
        }

        @Override
        public void checkPrereq() {
            requireNew();
            if (allocator == null) {
                placed = new ArrayList<>();
                failed = List.of();
                for (Map<String, Object> d : defs) {
                    List<String> nodes = new ArrayList<>();
                    nodes.add((String) d.get("pnode"));
                    if (d.get("snode") != null) {
                        nodes.add((String) d.get("snode"));
                    }
                    placed.add(Map.entry((String) d.get("instance_name"), nodes));
                }
                return;
            }
            allocate();
        }

        /** Asks the allocator where the instances go, among the nodes locked now. */
        @SuppressWarnings("unchecked")
        private void allocate() {
            Cluster cluster = Instances.cluster(store);
            List<Map<String, Object>> requests = new ArrayList<>();
            String figuresTemplate = null;
            String figuresHv = null;
            for (Map<String, Object> d : defs) {
                String template = d.get("disk_template") != null ? (String) d.get("disk_template")
                        : cluster.enabledDiskTemplates().get(0);
                String hv = d.get("hypervisor") != null ? (String) d.get("hypervisor") : cluster.defaultHypervisor();
                String osType = (String) d.get("os_type");
                String osName = osType == null ? null : osType.split("\\+", 2)[0];
                if (figuresTemplate == null || figuresTemplate.equals("diskless")) {
                    figuresTemplate = template;
                    figuresHv = hv;
                }
                requests.add(AllocRequests.instance(cluster, d, (String) d.get("instance_name"), template, hv,
                        osName, (List<Map<String, Object>>) d.get("disks"), (List<Map<String, Object>>) d.get("nics")));
            }
            Map<String, AllocateRequest.NodeFigures> figures = figuresTemplate == null ? Map.of()
                    : AllocRequests.figures(nodes, store, cluster, figuresHv, figuresTemplate);
            Set<String> usable = new TreeSet<>(plan.held(LockLevel.NODE));
            usable.retainAll(figures.keySet()); // the locked nodes that answered
            Map<String, Object> resp = drivers.allocators().run(allocator,
                    AllocateRequest.buildMulti(store, cluster, figures, usable, requests),
                    cluster.defaultIallocatorParams());
            if (!Boolean.TRUE.equals(resp.get("success")) || !(resp.get("result") instanceof List<?> r)
                    || r.size() != 2 || !(r.get(0) instanceof List<?> ok) || !(r.get(1) instanceof List<?> bad)) {
                throw GanetiException.prereq("Can't compute nodes using iallocator '" + allocator + "': "
                        + resp.get("info"), ErrorCode.ECODE_NORES);
            }
            placed = new ArrayList<>();
            Set<String> missing = new LinkedHashSet<>(names);
            for (Object entry : ok) {
                if (!(entry instanceof List<?> e) || e.size() != 2 || !(e.get(1) instanceof List<?> nodes)
                        || nodes.isEmpty() || !missing.remove(String.valueOf(e.get(0)))) {
                    throw GanetiException.prereq("IAllocator " + allocator + " answered an invalid allocation: "
                            + entry, ErrorCode.ECODE_NORES);
                }
                List<String> nodeNames = new ArrayList<>();
                for (Object n : nodes) {
                    String nodeName = String.valueOf(n);
                    store.byName(Node.class, nodeName).orElseThrow(() -> GanetiException.prereq("IAllocator "
                            + allocator + " chose an unknown node '" + nodeName + "'", ErrorCode.ECODE_NORES));
                    nodeNames.add(nodeName);
                }
                placed.add(Map.entry(String.valueOf(e.get(0)), nodeNames));
                ctx.feedback("Selected nodes for instance " + e.get(0) + " via iallocator " + allocator + ": "
                        + String.join(", ", nodeNames));
            }
            failed = new ArrayList<>();
            for (Object f : bad) {
                String name = String.valueOf(f instanceof List<?> l && !l.isEmpty() ? l.get(0) : f);
                failed.add(name);
                missing.remove(name);
            }
            if (!missing.isEmpty()) {
                throw GanetiException.prereq("IAllocator " + allocator + " did return incomplete result: "
                        + String.join(", ", missing), ErrorCode.ECODE_NORES);
            }
        }

        @Override
        public Object exec() {
            Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
            defs.forEach(d -> byName.put((String) d.get("instance_name"), d));
            List<List<OpCode>> jobs = new ArrayList<>();
            List<String> allocatable = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : placed) {
                Map<String, Object> p = new LinkedHashMap<>(byName.get(e.getKey()));
                p.put("pnode", e.getValue().get(0));
                if (e.getValue().size() > 1) {
                    p.put("snode", e.getValue().get(1));
                }
                p.values().removeIf(java.util.Objects::isNull);
                jobs.add(List.of(OpCode.of(InstanceCreateOp.OP, p).withPriority(op.priority())));
                allocatable.add(e.getKey());
            }
            return new ResultWithJobs(jobs, Map.of("allocatable", allocatable, "failed", List.copyOf(failed)));
        }
    }
}
