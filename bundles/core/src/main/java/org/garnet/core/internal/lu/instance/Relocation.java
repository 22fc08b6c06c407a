package org.garnet.core.internal.lu.instance;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.lu.LuContext;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.iallocator.AllocateRequest;
import org.garnet.core.internal.rpc.NodeRpc;

/**
 * Ganeti's checks and target choice before an instance changes node (failover, migrate): the disk layout must
 * allow it; externally mirrored disks go to the node given or the one the IAllocator picks (a {@code relocate}
 * request), internally mirrored ones (DRBD) to their secondary; the target must not be the primary, offline or
 * (unless a cleanup) drained.
 */
final class Relocation {
    /** Ganeti's {@code DTS_MIRRORED}: internally (drbd) or externally mirrored templates. */
    static final Set<String> MIRRORED = Set.of("drbd", "diskless", "sharedfile", "blockdev", "rbd", "ext", "gluster");
    /** Ganeti's {@code DTS_INT_MIRROR}. */
    static final Set<String> INT_MIRROR = Set.of("drbd");

    private Relocation() {
    }

    /** The instance's disks' templates (its template when it has none). */
    static Set<String> templates(Instance inst) {
        Set<String> out = new TreeSet<>();
        inst.disks().forEach(d -> out.add(d.devType()));
        if (out.isEmpty()) {
            out.add(inst.diskTemplate());
        }
        return out;
    }

    /** Ganeti's refusal of a layout that cannot move: {@code what} is "failovers" or "migrations". */
    static void checkLayout(Instance inst, String what) {
        List<String> bad = templates(inst).stream().filter(t -> !MIRRORED.contains(t)).toList();
        if (!bad.isEmpty()) {
            throw GanetiException.prereq("Instance's disk layout '" + String.join(", ", bad) + "' does not allow "
                    + what, ErrorCode.ECODE_STATE);
        }
        Set<String> t = templates(inst);
        if (t.stream().anyMatch(INT_MIRROR::contains) && !INT_MIRROR.containsAll(t)) {
            throw GanetiException.prereq("Instance mixes internal and external mirroring. This is not currently "
                    + "supported.", ErrorCode.ECODE_INVAL);
        }
    }

    /** The node named, for the lock taken before the prerequisites; null when the allocator is to choose. */
    static Node named(ConfigStore store, String targetNode, String iallocator) {
        if (targetNode != null && iallocator != null) {
            throw GanetiException.prereq("Do not specify both, iallocator and node", ErrorCode.ECODE_INVAL);
        }
        if (targetNode == null) {
            return null;
        }
        return store.byName(Node.class, targetNode).orElseThrow(() -> GanetiException.prereq(
                "Node '" + targetNode + "' not known", ErrorCode.ECODE_NOENT));
    }

    /**
     * The node the instance goes to, checked: the secondary of internally mirrored disks, else the node named
     * or the allocator's choice among {@code usable} (node uuids locked).
     */
    static Node target(ConfigStore store, Drivers drivers, NodeRpc rpc, LuContext ctx, Cluster cluster,
                       Instance inst, String targetNode, String iallocator, Set<String> usable, boolean cleanup,
                       String verb) {
        Node target;
        if (templates(inst).stream().anyMatch(INT_MIRROR::contains)) {
            if (inst.secondaryNodes().isEmpty()) {
                throw GanetiException.prereq("No secondary node but using " + String.join(", ", templates(inst))
                        + " disk types", ErrorCode.ECODE_STATE);
            }
            String secondary = inst.secondaryNodes().get(0);
            Node named = named(store, targetNode, iallocator);
            if (iallocator != null || (named != null && !named.uuid().equals(secondary))) {
                throw GanetiException.prereq("Instances with disk types " + String.join(", ", templates(inst))
                        + " cannot be " + verb + " to arbitrary nodes (neither an iallocator nor a target node "
                        + "can be passed)", ErrorCode.ECODE_INVAL);
            }
            target = store.get(Node.class, secondary).orElseThrow();
        } else {
            Node named = named(store, targetNode, iallocator);
            target = named != null ? named : allocate(store, drivers, rpc, ctx, cluster, inst, iallocator, usable);
        }
        if (target.uuid().equals(inst.primaryNode())) {
            throw GanetiException.prereq("Cannot migrate instance " + inst.name() + " to its primary ("
                    + target.name() + ")", ErrorCode.ECODE_STATE);
        }
        Instances.requireOnline(target);
        if (!cleanup && target.drained()) {
            throw GanetiException.prereq("Can't use drained node " + target.name(), ErrorCode.ECODE_STATE);
        }
        if (!target.vmCapable()) {
            throw GanetiException.prereq("Can't use non-vm_capable node " + target.name(), ErrorCode.ECODE_STATE);
        }
        return target;
    }

    /** Ganeti's {@code relocate} request: a new primary among the usable nodes, away from the current one. */
    private static Node allocate(ConfigStore store, Drivers drivers, NodeRpc rpc, LuContext ctx, Cluster cluster,
                                 Instance inst, String iallocator, Set<String> usable) {
        String alloc = iallocator != null && !iallocator.equals(".") ? iallocator : cluster.defaultIallocator();
        if (alloc == null || alloc.isEmpty()) {
            throw GanetiException.prereq("No iallocator or node given and no cluster-wide default iallocator "
                    + "found; please specify either an iallocator or a node, or set a cluster-wide default "
                    + "iallocator", ErrorCode.ECODE_INVAL);
        }
        String template = inst.diskTemplate();
        Map<String, AllocateRequest.NodeFigures> figures = AllocRequests.figures(rpc, store, cluster,
                inst.hypervisor(), template);
        Set<String> reachable = new TreeSet<>(usable);
        reachable.retainAll(figures.keySet());
        Node primary = Instances.primary(store, inst);
        Map<String, Object> resp = drivers.allocators().run(alloc, AllocateRequest.buildRelocate(store, cluster,
                figures, reachable, inst.name(), List.of(primary.name())), cluster.defaultIallocatorParams());
        if (!Boolean.TRUE.equals(resp.get("success")) || !(resp.get("result") instanceof List<?> r)
                || r.size() != 1) {
            throw GanetiException.prereq("Can't compute nodes using iallocator '" + alloc + "': "
                    + resp.get("info"), ErrorCode.ECODE_NORES);
        }
        String chosen = String.valueOf(r.get(0));
        Node node = store.byName(Node.class, chosen).orElseThrow(() -> GanetiException.prereq("IAllocator "
                + alloc + " chose an unknown node '" + chosen + "'", ErrorCode.ECODE_NORES));
        ctx.feedback("Selected nodes for instance " + inst.name() + " via iallocator " + alloc + ": " + chosen);
        return node;
    }

    /** Ganeti's CheckTargetNodeIPolicy: an instance moving to another group must meet that group's policy. */
    static void targetPolicy(ConfigStore store, Cluster cluster, Instance inst, Node target,
                             Map<String, Object> be, boolean ignore, LuContext ctx) {
        long max = Instances.maxMem(be);
        Object min = be.getOrDefault("minmem", max);
        long minMem = min instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(min));
        List<String> v = org.garnet.core.internal.policy.IPolicies.violations(Instances.policy(store, cluster, target),
                minMem, max, ((Number) be.getOrDefault("vcpus", 1)).intValue(),
                inst.disks().stream().map(d -> d.size()).toList(), inst.nics().size(),
                ((Number) be.getOrDefault("spindle_use", 1)).intValue(), inst.diskTemplate());
        if (v.isEmpty()) {
            return;
        }
        String group = store.get(org.garnet.api.model.NodeGroup.class, target.group())
                .map(org.garnet.api.model.NodeGroup::name).orElse(target.group());
        String msg = "Instance does not meet target node group's (" + group + ") instance policy: "
                + String.join(", ", v);
        if (!ignore) {
            throw GanetiException.prereq(msg, ErrorCode.ECODE_INVAL);
        }
        ctx.feedback("WARNING: " + msg);
    }

    /** The instance with {@code target} as its primary node, its disks' nodes moved along. */
    static Instance onNode(Instance i, String target) {
        List<Disk> disks = i.disks().stream().map(d -> new Disk(d.uuid(), d.name(), d.devType(), d.size(),
                d.mode(), d.spindles(), d.logicalId(), d.nodes().stream()
                        .map(n -> n.equals(i.primaryNode()) ? target : n).distinct().toList(), d.params())).toList();
        return new Instance(i.uuid(), i.name(), i.serialNo(), i.ctime(), i.mtime(), target, i.os(), i.hypervisor(),
                i.diskTemplate(), i.hvparams(), i.beparams(), i.osparams(), i.adminState(), i.adminStateSource(),
                i.disksActive(), disks, i.nics(), i.networkPort(), i.tags());
    }
}
