package org.garnet.core.internal.lu.instance;

import java.time.Duration;
import java.util.List;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
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
 * {@code OP_INSTANCE_REBOOT}: {@code soft} reboots through the hypervisor when the instance runs; {@code hard}
 * and {@code full} (or a stopped instance) stop it if needed and start it again with its configuration as it is
 * now (Ganeti: hard = shutdown and start on the node, full = the same from the master); the instance is recorded
 * as up.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + InstanceRebootOp.OP)
public class InstanceRebootOp extends InstanceOp {
    static final String OP = "OP_INSTANCE_REBOOT";

    public InstanceRebootOp() {
    }

    public InstanceRebootOp(ConfigStore store, Drivers drivers) {
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
                OpParam.optional("ignore_secondaries", ParamType.BOOL, false, "Ignore errors on secondaries"),
                OpParam.required("reboot_type", ParamType.STRING, "How to reboot (soft, hard, full)")
                        .oneOf("soft", "hard", "full"));
    }

    @Override
    protected void check(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        String type = (String) p(op).get("reboot_type");
        if (!List.of("soft", "hard", "full").contains(type)) {
            throw GanetiException.prereq("Invalid reboot type '" + type + "', use soft, hard or full",
                    ErrorCode.ECODE_INVAL);
        }
        if ("offline".equals(inst.adminState())) {
            throw GanetiException.prereq("Instance '" + inst.name() + "' is marked to be offline",
                    ErrorCode.ECODE_STATE);
        }
        Instances.requireOnline(pnode);
    }

    @Override
    protected Object run(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        Hypervisor hv = nodes.at(pnode).awaitHypervisor(inst.hypervisor(), ctx::cancelRequested, 60_000);
        String type = (String) p(op).get("reboot_type");
        var hvInst = Instances.hv(cluster, inst, Instances.assembleDisks(store, cluster, nodes.at(pnode), inst));
        boolean running = Instances.running(hv, inst);
        if (running && type.equals("soft")) { // the hypervisor's own reboot (kvm: the same runtime again)
            hv.reboot(hvInst);
        } else { // hard: stopped and started on the node with the instance as configured now; full: the same
            // from the master, which Garnet's node calls already are
            if (running) {
                hv.stop(hvInst, false, Duration.ofSeconds(((Number) p(op).get("shutdown_timeout")).intValue()));
            }
            hv.start(hvInst, false);
        }
        Instances.withAdminState(store, inst, "up", "admin");
        return null;
    }
}
