package org.garnet.core.internal.lu.instance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_INSTANCE_GROW_DISK} ({@code gnt-instance grow-disk [--absolute] NAME DISK AMOUNT}): grows disk N by
 * (or to) AMOUNT MiB through the template's driver and records the new size; Ganeti's checks and messages.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + InstanceGrowDiskOp.OP)
public class InstanceGrowDiskOp extends InstanceOp {
    static final String OP = "OP_INSTANCE_GROW_DISK";
    private static final java.util.Set<String> GROWABLE = java.util.Set.of("plain", "drbd", "file", "sharedfile",
            "rbd", "ext", "gluster");

    public InstanceGrowDiskOp() {
    }

    public InstanceGrowDiskOp(ConfigStore store, Drivers drivers) {
        this.store = store;
        this.drivers = drivers;
        this.nodes = NodeRpc.inProcess(drivers);
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
                OpParam.required("disk", ParamType.NON_NEGATIVE_INT, "Disk index"),
                OpParam.required("amount", ParamType.NON_NEGATIVE_INT, "Amount of disk space to add (MiB)"),
                OpParam.optional("wait_for_sync", ParamType.BOOL, true, "Whether to wait for the disk to sync"),
                OpParam.optional("absolute", ParamType.BOOL, false, "Whether the amount is the new size"),
                OpParam.optional("ignore_ipolicy", ParamType.BOOL, false, "Ignore ipolicy violations"));
    }

    static Disk disk(Instance inst, int idx) {
        if (idx < 0 || idx >= inst.disks().size()) {
            throw GanetiException.prereq("Invalid disk index: " + idx + " (instace has disks 0 to "
                    + (inst.disks().size() - 1), ErrorCode.ECODE_INVAL);
        }
        return inst.disks().get(idx);
    }

    @Override
    protected void check(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        Instances.requireOnline(pnode);
        Disk d = disk(inst, ((Number) p(op).get("disk")).intValue());
        if (!GROWABLE.contains(d.devType())) {
            throw GanetiException.prereq("Instance's disk layout " + d.devType() + " does not support growing",
                    ErrorCode.ECODE_INVAL);
        }
        long amount = ((Number) p(op).get("amount")).longValue();
        if (Boolean.TRUE.equals(p(op).get("absolute")) && amount < d.size()) {
            throw GanetiException.prereq("Requested size (" + Sizes.human(amount) + ") is smaller than current "
                    + "disk size (" + Sizes.human(d.size()) + ")", ErrorCode.ECODE_STATE);
        }
        long target = Boolean.TRUE.equals(p(op).get("absolute")) ? amount : d.size() + amount;
        var policy = Instances.policy(store, cluster, pnode);
        List<String> v = new ArrayList<>();
        for (var mm : policy.minmax()) {
            if (target > mm.max().diskSize()) {
                v.add("disk-size value " + target + " is not in range [" + mm.min().diskSize() + ", "
                        + mm.max().diskSize() + "]");
            }
        }
        if (v.size() == policy.minmax().size() && !v.isEmpty()) {
            String msg = "Growing disk " + p(op).get("disk") + " violates policy: " + v.get(0);
            if (!Boolean.TRUE.equals(p(op).get("ignore_ipolicy"))) {
                throw GanetiException.prereq(msg, ErrorCode.ECODE_INVAL);
            }
            ctx.feedback("Warning: " + msg);
        }
    }

    @Override
    protected Object run(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        int idx = ((Number) p(op).get("disk")).intValue();
        Disk d = disk(inst, idx);
        long amount = ((Number) p(op).get("amount")).longValue();
        boolean absolute = Boolean.TRUE.equals(p(op).get("absolute"));
        long target = absolute ? amount : d.size() + amount;
        ctx.feedback("Growing disk " + idx + " of instance '" + inst.name() + "' by "
                + Sizes.human(target - d.size()) + " to " + Sizes.human(target));
        nodes.at(pnode).template(d.devType()).grow(d, target);
        if (Boolean.TRUE.equals(p(op).get("wait_for_sync"))) {
            Instances.disksInSync(ctx, inst.name());
        }
        store.update(Instance.class, inst.uuid(), i -> {
            List<Disk> disks = new ArrayList<>(i.disks());
            Disk old = disks.get(idx);
            disks.set(idx, new Disk(old.uuid(), old.name(), old.devType(), target, old.mode(), old.spindles(),
                    old.logicalId(), old.nodes(), old.params()));
            return new Instance(i.uuid(), i.name(), i.serialNo(), i.ctime(), i.mtime(), i.primaryNode(), i.os(),
                    i.hypervisor(), i.diskTemplate(), i.hvparams(), i.beparams(), i.osparams(), i.adminState(),
                    i.adminStateSource(), i.disksActive(), disks, i.nics(), i.networkPort(), i.tags());
        });
        return null;
    }
}
