package org.garnet.core.internal.lu.instance;

import java.util.List;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_INSTANCE_MOVE} ({@code gnt-instance move -n NODE}): copies an instance's disks to another node. With
 * one reachable node: Ganeti's "already on the node" for the primary, unreachable for any other.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + InstanceMoveOp.OP)
public class InstanceMoveOp extends InstanceOp {
    static final String OP = "OP_INSTANCE_MOVE";

    public InstanceMoveOp() {
    }

    public InstanceMoveOp(ConfigStore store, Drivers drivers) {
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
                OpParam.optional("shutdown_timeout", ParamType.NON_NEGATIVE_INT, 120, "Shutdown timeout"),
                OpParam.optional("ignore_ipolicy", ParamType.BOOL, false, "Ignore ipolicy violations"),
                OpParam.required("target_node", ParamType.STRING, "Target node"),
                OpParam.optional("ignore_consistency", ParamType.BOOL, false, "Ignore disk consistency"),
                OpParam.optional("compress", ParamType.STRING, "none", "Compression tool to use"));
    }

    @Override
    protected void check(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        String name = (String) p(op).get("target_node");
        Node target = store.byName(Node.class, name).orElseThrow(() -> GanetiException.prereq(
                "Node '" + name + "' not known", ErrorCode.ECODE_NOENT));
        if (target.uuid().equals(inst.primaryNode())) {
            throw GanetiException.prereq("Instance " + inst.name() + " is already on the node " + target.name(),
                    ErrorCode.ECODE_STATE);
        }
        Instances.requireOnline(target);
    }

    @Override
    protected Object run(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        // Moving an instance between nodes (disks, hypervisor state) comes with the moving-instances work.
        throw GanetiException.exec("Moving instance " + inst.name() + " to another node is not supported yet");
    }
}
