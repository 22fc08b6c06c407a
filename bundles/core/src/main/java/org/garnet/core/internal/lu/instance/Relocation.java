package org.garnet.core.internal.lu.instance;

import java.util.List;
import java.util.Set;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;

/**
 * Ganeti's checks before an instance changes node (failover, migrate, move), for a cluster whose only
 * reachable node is this one: the disk layout must allow it, a target must be given or computable, the target
 * must not be the primary. Anything that passes would need a second node, which is reported as unreachable.
 */
final class Relocation {
    /** Ganeti's {@code DTS_MIRRORED}: internally (drbd) or externally mirrored templates. */
    static final Set<String> MIRRORED = Set.of("drbd", "diskless", "sharedfile", "blockdev", "rbd", "ext", "gluster");

    private Relocation() {
    }

    static void check(ConfigStore store, Cluster cluster, Instance inst, String targetNode, String iallocator,
                      String what) {
        List<String> bad = inst.disks().stream().map(Disk::devType).filter(t -> !MIRRORED.contains(t)).distinct()
                .toList();
        if (!bad.isEmpty() || (inst.disks().isEmpty() && !MIRRORED.contains(inst.diskTemplate()))) {
            String layout = bad.isEmpty() ? inst.diskTemplate() : String.join(", ", bad);
            throw GanetiException.prereq("Instance's disk layout '" + layout + "' does not allow " + what,
                    ErrorCode.ECODE_STATE);
        }
        Node target = target(store, cluster, inst, targetNode, iallocator);
        if (target.uuid().equals(inst.primaryNode())) {
            throw GanetiException.prereq("Cannot migrate instance " + inst.name() + " to its primary ("
                    + target.name() + ")", ErrorCode.ECODE_STATE);
        }
        Instances.requireOnline(target);
    }

    static Node target(ConfigStore store, Cluster cluster, Instance inst, String targetNode, String iallocator) {
        if (targetNode != null && iallocator != null) {
            throw GanetiException.prereq("Do not specify both, iallocator and node", ErrorCode.ECODE_INVAL);
        }
        if (targetNode != null) {
            return store.byName(Node.class, targetNode).orElseThrow(() -> GanetiException.prereq(
                    "Node '" + targetNode + "' not known", ErrorCode.ECODE_NOENT));
        }
        String alloc = iallocator != null ? iallocator : cluster.defaultIallocator();
        if (alloc == null || alloc.isEmpty()) {
            throw GanetiException.prereq("No iallocator or node given and no cluster-wide default iallocator "
                    + "found; please specify either an iallocator or a node, or set a cluster-wide default "
                    + "iallocator", ErrorCode.ECODE_INVAL);
        }
        List<Node> others = store.list(Node.class).stream().filter(n -> !n.uuid().equals(inst.primaryNode())
                && n.vmCapable() && !n.offline()).toList();
        if (others.isEmpty()) {
            throw GanetiException.prereq("Can't compute nodes using iallocator '" + alloc + "': no node other "
                    + "than the primary can take the instance", ErrorCode.ECODE_NORES);
        }
        throw GanetiException.prereq("Can't compute nodes using iallocator '" + alloc + "': no IAllocator "
                + "service is available yet", ErrorCode.ECODE_NORES);
    }
}
