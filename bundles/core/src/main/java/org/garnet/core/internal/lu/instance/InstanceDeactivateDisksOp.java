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
 * {@code OP_INSTANCE_DEACTIVATE_DISKS}: shuts the disks down; refused while the instance runs unless
 * {@code force} (Ganeti's rule), then marks the disks inactive.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + InstanceDeactivateDisksOp.OP)
public class InstanceDeactivateDisksOp extends InstanceOp {
    static final String OP = "OP_INSTANCE_DEACTIVATE_DISKS";

    public InstanceDeactivateDisksOp() {
    }

    public InstanceDeactivateDisksOp(ConfigStore store, Drivers drivers) {
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
        return List.of(OpParam.optional("force", ParamType.BOOL, false, "Whether to force the operation"));
    }

    @Override
    protected void check(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        Instances.requireOnline(pnode);
        if (!Boolean.TRUE.equals(p(op).get("force")) && Instances.running(nodes.at(pnode), inst)) {
            throw GanetiException.prereq("Instance is running, can't shutdown block devices",
                    ErrorCode.ECODE_STATE);
        }
    }

    @Override
    protected Object run(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        for (Disk d : inst.disks()) {
            nodes.at(pnode).template(d.devType()).shutdown(d);
        }
        Instances.withDisksActive(store, inst, false);
        return null;
    }
}
