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
 * {@code OP_INSTANCE_ACTIVATE_DISKS}: assembles every disk on its node and marks the disks active; the result
 * lists {@code [node, "disk/N", path]} per disk, which {@code gnt-instance activate-disks} prints as
 * {@code node:disk/N:path}.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + InstanceActivateDisksOp.OP)
public class InstanceActivateDisksOp extends InstanceOp {
    static final String OP = "OP_INSTANCE_ACTIVATE_DISKS";

    public InstanceActivateDisksOp() {
    }

    public InstanceActivateDisksOp(ConfigStore store, Drivers drivers) {
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
                OpParam.optional("ignore_size", ParamType.BOOL, false, "Whether to ignore recorded disk size"),
                OpParam.optional("wait_for_sync", ParamType.BOOL, false, "Whether to wait for the disk to sync"));
    }

    @Override
    protected void check(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        Instances.requireOnline(pnode);
    }

    @Override
    protected Object run(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        List<String> paths = Instances.assembleDisks(store, cluster, nodes.at(pnode), inst);
        Instances.withDisksActive(store, inst, true);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            out.add(List.of(pnode.name(), "disk/" + i, paths.get(i)));
        }
        return out;
    }
}
