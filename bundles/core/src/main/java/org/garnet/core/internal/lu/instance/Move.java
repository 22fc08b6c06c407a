package org.garnet.core.internal.lu.instance;

import java.util.List;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.hypervisor.HvInstance;
import org.garnet.api.lu.LuContext;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.core.internal.rpc.NodeRpc;

/** One instance changing node (failover, migrate): where it is, where it goes, and the steps they share. */
record Move(ConfigStore store, NodeRpc nodes, LuContext ctx, Cluster cluster, Instance inst, Node source,
            Node target) {

    /** The instance as the hypervisor gets it, with these disk paths. */
    HvInstance hvOn(List<String> diskPaths) {
        return Instances.hv(cluster, inst, diskPaths);
    }

    /** Shuts the instance's disks down on {@code node}; with {@code tolerate}, a failure is only reported. */
    void shutdownDisks(Node node, boolean tolerate) {
        if (node.offline()) {
            return;
        }
        for (Disk d : inst.disks()) {
            try {
                nodes.at(node).template(d.devType()).shutdown(d);
            } catch (GanetiException e) {
                if (!tolerate) {
                    throw e;
                }
                ctx.feedback("WARNING: Could not shutdown block device " + d.uuid() + " on node " + node.name()
                        + ": " + e.getMessage());
            }
        }
    }

    /**
     * Ganeti's {@code _OpenInstanceDisks}: the instance's disks opened on {@code node}, exclusively or shared (both
     * ends of a live migration); a failure is an error naming the node.
     */
    void openDisks(Node node, boolean exclusive) {
        ctx.feedback("* opening instance disks on node " + node.name() + " in " + (exclusive ? "exclusive" : "shared")
                + " mode");
        try {
            Instances.openDisks(nodes.at(node), inst, exclusive);
        } catch (GanetiException e) {
            throw GanetiException.exec("Cannot open instance disks on node " + node.name() + ": " + e.getMessage());
        }
    }

    /**
     * Ganeti's {@code _CloseInstanceDisks}: the instance's disks closed on {@code node}; a failure is an error,
     * or with {@code tolerate} (or an offline node) a warning.
     */
    void closeDisks(Node node, boolean tolerate) {
        ctx.feedback("* closing instance disks on node " + node.name());
        try {
            if (node.offline()) {
                throw GanetiException.exec("Node " + node.name() + " is marked offline");
            }
            Instances.closeDisks(nodes.at(node), inst);
        } catch (GanetiException e) {
            if (!tolerate && !node.offline()) {
                throw GanetiException.exec("Cannot close instance disks on node " + node.name() + ": "
                        + e.getMessage());
            }
            ctx.feedback("WARNING: Could not close instance disks on node " + node.name() + ", proceeding anyway");
        }
    }

    /** Records {@code node} as the instance's primary (its disks' nodes follow); returns the stored instance. */
    Instance setPrimary(Node node) {
        return store.update(Instance.class, inst.uuid(), i -> Relocation.onNode(i, node.uuid()));
    }
}
