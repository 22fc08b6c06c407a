package org.garnet.core.internal.lu.instance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.api.storage.BlockDevice;
import org.garnet.api.storage.DiskRequest;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_INSTANCE_MOVE} ({@code gnt-instance move -n NODE}, Ganeti's {@code LUInstanceMove}): an instance whose
 * disks cannot be shared ({@code file}; {@code plain} when it exists) changes node by copying its data. It stops
 * on its primary, its disks are made on the target and copied there node to node ({@link DiskCopy}, compressed as
 * {@code compress} says), the configuration names the target, the source's disks are removed, and it starts on
 * the target if it is marked up. A failed copy removes what was made on the target and, unlike Ganeti, starts the
 * instance again where it was when it is marked up: it stays in one place, running if it ran.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + InstanceMoveOp.OP)
public class InstanceMoveOp extends InstanceOp {
    static final String OP = "OP_INSTANCE_MOVE";
    /** Ganeti's {@code DTS_COPYABLE}. */
    static final Set<String> COPYABLE = Set.of("file", "plain");

    public InstanceMoveOp() {
    }

    public InstanceMoveOp(ConfigStore store, Drivers drivers, NodeRpc nodes) {
        this.store = store;
        this.drivers = drivers;
        this.nodes = nodes;
    }

    @Reference
    void setStore(ConfigStore s) {
        store = s;
    }

    @Reference
    void setDrivers(Drivers d) {
        drivers = d;
    }

    @Reference
    void setNodes(NodeRpc n) {
        nodes = n;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    protected List<OpParam> ownParams() {
        return List.of(
                OpParam.optional("shutdown_timeout", ParamType.NON_NEGATIVE_INT, 120, "Shutdown timeout"),
                OpParam.optional("ignore_ipolicy", ParamType.BOOL, false, "Ignore ipolicy violations"),
                OpParam.required("target_node", ParamType.STRING, "Target node"),
                OpParam.optional("target_node_uuid", ParamType.STRING, null, "Target node UUID"),
                OpParam.optional("ignore_consistency", ParamType.BOOL, false, "Ignore disk consistency"),
                OpParam.optional("compress", ParamType.STRING, "none", "Compression tool to use"));
    }

    @Override
    protected Set<String> moreNodes(OpCode op, Instance found) {
        return Set.of(target(op).uuid());
    }

    private Node target(OpCode op) {
        String name = (String) p(op).get("target_node");
        return store.byName(Node.class, name).orElseThrow(() -> GanetiException.prereq(
                "Node '" + name + "' not known", ErrorCode.ECODE_NOENT));
    }

    @Override
    protected void check(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        for (int i = 0; i < inst.disks().size(); i++) {
            Disk d = inst.disks().get(i);
            if (!COPYABLE.contains(d.devType())) {
                throw GanetiException.prereq("Instance disk " + i + " has disk type " + d.devType() + " and is not "
                        + "suitable for copying", ErrorCode.ECODE_STATE);
            }
        }
        Node target = target(op);
        if (target.uuid().equals(inst.primaryNode())) {
            throw GanetiException.prereq("Instance " + inst.name() + " is already on the node " + target.name(),
                    ErrorCode.ECODE_STATE);
        }
        Instances.requireOnline(target);
        if (target.drained()) {
            throw GanetiException.prereq("Can't use drained node " + target.name(), ErrorCode.ECODE_STATE);
        }
        if (!target.vmCapable()) {
            throw GanetiException.prereq("Can't use non-vm_capable node " + target.name(), ErrorCode.ECODE_STATE);
        }
        DiskCopy.checkTool((String) p(op).get("compress"));
        Map<String, Object> be = Instances.filledBe(cluster, inst.beparams());
        Relocation.targetPolicy(store, cluster, inst, target, be, Boolean.TRUE.equals(p(op).get("ignore_ipolicy")),
                ctx);
        if ("up".equals(inst.adminState())) {
            long need = Instances.maxMem(be);
            long free = nodes.at(target).hypervisor(inst.hypervisor()).nodeInfo().memoryFree();
            if (need > free) {
                throw GanetiException.prereq("Not enough memory on node " + target.name() + " for failing over "
                        + "instance " + inst.name() + ": needed " + need + " MiB, available " + free + " MiB",
                        ErrorCode.ECODE_NORES);
            }
        } else {
            ctx.feedback(" - INFO: Not checking memory on the secondary node as instance will not be started");
        }
    }

    @Override
    protected Object run(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        Node target = target(op);
        Map<String, Object> p = p(op);
        ctx.feedback(" - INFO: Shutting down instance " + inst.name() + " on source node " + pnode.name());
        stop(ctx, cluster, inst, pnode, ((Number) p.get("shutdown_timeout")).intValue(),
                Boolean.TRUE.equals(p.get("ignore_consistency")));
        List<Disk> made = create(ctx, cluster, inst, target);
        String compress = (String) p.get("compress");
        try {
            for (int i = 0; i < inst.disks().size(); i++) {
                DiskCopy.copy(nodes, ctx, "disk/" + i, pnode, inst.disks().get(i), target, made.get(i), compress);
            }
        } catch (GanetiException e) {
            ctx.feedback(" - WARNING: Some disks failed to copy, aborting");
            remove(ctx, target, made);
            restartOnSource(ctx, cluster, inst, pnode);
            throw GanetiException.exec("Errors during disk copy: Failed to transfer instance data: "
                    + e.getMessage());
        }
        Instance moved = store.update(Instance.class, inst.uuid(), i -> Instances.withDisks(
                Relocation.onNode(i, target.uuid()), made));
        moved = Instances.withDisksActive(store, moved, false);
        ctx.feedback(" - INFO: Removing the disks on the original node");
        remove(ctx, pnode, inst.disks());
        if ("up".equals(moved.adminState())) {
            ctx.feedback(" - INFO: Starting instance " + inst.name() + " on node " + target.name());
            start(moved, cluster, target);
        }
        return null;
    }

    /** Stops the instance on its node; with {@code ignoreConsistency} a failure is a warning (Ganeti's). */
    private void stop(LuContext ctx, Cluster cluster, Instance inst, Node pnode, int timeout, boolean ignore) {
        try {
            Instances.stop(nodes.at(pnode), cluster, inst, pnode, timeout);
        } catch (GanetiException e) {
            if (!ignore) {
                throw e;
            }
            ctx.feedback(" - WARNING: " + e.getMessage().replaceFirst(": ", ". Proceeding anyway. Please make sure"
                    + " node " + pnode.name() + " is down. Error details: "));
        }
    }

    /** The instance's disks made anew on {@code target} (same uuids, sizes and modes). */
    private List<Disk> create(LuContext ctx, Cluster cluster, Instance inst, Node target) {
        List<Disk> made = new ArrayList<>();
        try {
            for (int i = 0; i < inst.disks().size(); i++) {
                Disk d = inst.disks().get(i);
                String dir = d.devType().equals("sharedfile") ? cluster.sharedFileStorageDir()
                        : cluster.fileStorageDir();
                BlockDevice dev = nodes.at(target).template(d.devType()).create(new DiskRequest(inst.name(),
                        inst.uuid(), i, d.uuid(), d.size(), d.mode(), cluster.diskparams().getOrDefault(d.devType(),
                        Map.of()), new DiskRequest.Location(dir)));
                made.add(new Disk(d.uuid(), d.name(), d.devType(), d.size(), d.mode(), d.spindles(), dev.logicalId(),
                        List.of(target.uuid()), d.params()));
            }
        } catch (GanetiException e) {
            ctx.feedback(" - WARNING: Device creation failed");
            remove(ctx, target, made);
            throw e;
        }
        return made;
    }

    private void remove(LuContext ctx, Node node, List<Disk> disks) {
        for (Disk d : disks) {
            try {
                nodes.at(node).template(d.devType()).remove(d);
            } catch (GanetiException e) {
                ctx.feedback(" - WARNING: Could not remove disk " + d.uuid() + " on node " + node.name() + ": "
                        + e.getMessage());
            }
        }
    }

    /** After a failed copy: the instance marked up runs again on its node. */
    private void restartOnSource(LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        if (!"up".equals(inst.adminState())) {
            return;
        }
        try {
            start(inst, cluster, pnode);
            ctx.feedback(" - INFO: Instance " + inst.name() + " started again on node " + pnode.name());
        } catch (GanetiException e) {
            ctx.feedback(" - WARNING: Could not start instance " + inst.name() + " again on node " + pnode.name()
                    + ": " + e.getMessage());
        }
    }

    private void start(Instance inst, Cluster cluster, Node node) {
        List<String> paths;
        try {
            paths = Instances.assembleDisks(store, cluster, nodes.at(node), inst);
        } catch (GanetiException e) {
            throw GanetiException.exec("Can't activate the instance's disks");
        }
        try {
            nodes.at(node).hypervisor(inst.hypervisor()).start(Instances.hv(cluster, inst, paths), false);
        } catch (GanetiException e) {
            throw GanetiException.exec("Could not start instance " + inst.name() + " on node " + node.name() + ": "
                    + e.getMessage());
        }
        Instances.withDisksActive(store, inst, true);
    }
}
