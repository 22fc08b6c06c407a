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
import org.garnet.api.hypervisor.ConsoleInfo;

/**
 * {@code OP_INSTANCE_CONSOLE}: how to reach the instance's console, from its hypervisor; the result is Ganeti's
 * console object ({@code instance}, {@code kind}, {@code message}/{@code host}/{@code port}/{@code command}).
 * The instance must be running.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + InstanceConsoleOp.OP)
public class InstanceConsoleOp extends InstanceOp {
    static final String OP = "OP_INSTANCE_CONSOLE";

    public InstanceConsoleOp() {
    }

    public InstanceConsoleOp(ConfigStore store, Drivers drivers) {
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
        return List.of();
    }

    @Override
    protected void check(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        Instances.requireOnline(pnode);
        boolean running = Instances.running(nodes.at(pnode), inst);
        if (!running) {
            throw GanetiException.exec("Instance " + inst.name() + " is not running");
        }
    }

    @Override
    protected Object run(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        ConsoleInfo c = nodes.at(pnode).awaitHypervisor(inst.hypervisor(), ctx::cancelRequested, 60_000)
                .console(Instances.hv(cluster, inst, List.of()));
        return c.toDict();
    }
}
