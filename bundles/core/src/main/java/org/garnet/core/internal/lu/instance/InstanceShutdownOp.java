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
 * {@code OP_INSTANCE_SHUTDOWN}: records the instance as down (unless {@code no_remember}; source {@code admin}
 * or as given) and stops it within {@code timeout} seconds; an instance that is not running only gets a
 * warning, as in Ganeti.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + InstanceShutdownOp.OP)
public class InstanceShutdownOp extends InstanceOp {
    static final String OP = "OP_INSTANCE_SHUTDOWN";

    public InstanceShutdownOp() {
    }

    public InstanceShutdownOp(ConfigStore store, Drivers drivers) {
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
                OpParam.optional("force", ParamType.BOOL, false, "Whether to force the operation"),
                OpParam.optional("ignore_offline_nodes", ParamType.BOOL, false, "Ignore offline nodes"),
                OpParam.optional("timeout", ParamType.NON_NEGATIVE_INT, 120, "How long to wait for the instance "
                        + "to shut down"),
                OpParam.optional("no_remember", ParamType.BOOL, false, "Do not remember the state change"),
                OpParam.optional("admin_state_source", ParamType.STRING, null, "Who last changed the state"));
    }

    @Override
    protected void check(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        Instances.requireOnline(pnode);
    }

    @Override
    protected Object run(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        if (!Boolean.TRUE.equals(p(op).get("no_remember"))) {
            String source = p(op).get("admin_state_source") == null ? "admin"
                    : (String) p(op).get("admin_state_source");
            inst = Instances.withAdminState(store, inst, "down", source);
        }
        Hypervisor hv = nodes.at(pnode).awaitHypervisor(inst.hypervisor(), ctx::cancelRequested, 60_000);
        if (!Instances.running(hv, inst)) {
            ctx.feedback("Instance " + inst.name() + " is already stopped");
        } else {
            int timeout = ((Number) p(op).get("timeout")).intValue();
            hv.stop(Instances.hv(cluster, inst, List.of()), Boolean.TRUE.equals(p(op).get("force")),
                    Duration.ofSeconds(timeout));
        }
        // Ganeti shuts the instance's disks down after it
        for (org.garnet.api.model.Disk d : inst.disks()) {
            nodes.at(pnode).template(d.devType()).shutdown(d);
        }
        Instances.withDisksActive(store, inst, false);
        return null;
    }
}
