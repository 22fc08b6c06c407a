package org.garnet.core.internal.lu.instance;

import java.time.Duration;
import java.util.List;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.hypervisor.Hypervisor;
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
 * {@code OP_INSTANCE_REMOVE}: stops the instance if it runs, removes its disks and then its configuration;
 * with {@code ignore_failures} a failing stop or disk removal is reported and the removal goes on.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + InstanceRemoveOp.OP)
public class InstanceRemoveOp extends InstanceOp {
    static final String OP = "OP_INSTANCE_REMOVE";

    public InstanceRemoveOp() {
    }

    public InstanceRemoveOp(ConfigStore store, Drivers drivers) {
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
                OpParam.optional("ignore_failures", ParamType.BOOL, false, "Whether to ignore failures"));
    }

    /** With {@code ignore_failures} the removal goes on without waiting for drivers that are away. */
    @Override
    protected boolean waitsForDrivers(OpCode op) {
        return !Boolean.TRUE.equals(p(op).get("ignore_failures"));
    }

    @Override
    protected void check(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        if (!Boolean.TRUE.equals(p(op).get("ignore_failures"))) {
            Instances.requireOnline(pnode);
        }
    }

    @Override
    protected Object run(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        boolean ignore = Boolean.TRUE.equals(p(op).get("ignore_failures"));
        try {
            Hypervisor hv = nodes.at(pnode).awaitHypervisor(inst.hypervisor(), ctx::cancelRequested, 60_000);
            if (Instances.running(hv, inst)) {
                hv.stop(Instances.hv(cluster, inst, List.of()), false,
                        Duration.ofSeconds(((Number) p(op).get("shutdown_timeout")).intValue()));
            }
        } catch (RuntimeException e) {
            if (!ignore) {
                throw e;
            }
            ctx.feedback("Warning: could not shutdown instance " + inst.name() + ": " + e.getMessage());
        }
        Instances.remove(store, nodes.at(pnode), ctx, inst, pnode, ignore);
        return null;
    }
}
