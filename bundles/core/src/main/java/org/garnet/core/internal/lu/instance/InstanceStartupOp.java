package org.garnet.core.internal.lu.instance;

import java.util.List;
import java.util.Map;
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
 * {@code OP_INSTANCE_STARTUP}: waits for the instance's hypervisor if its bundle is away (the job stays
 * {@code waiting} and says so), checks free memory, assembles the disks, starts the instance and records it
 * as up (unless {@code no_remember}). Starting a running instance only records the state.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + InstanceStartupOp.OP)
public class InstanceStartupOp extends InstanceOp {
    static final String OP = "OP_INSTANCE_STARTUP";
    static final long HYPERVISOR_WAIT_MS = 3_600_000;

    public InstanceStartupOp() {
    }

    public InstanceStartupOp(ConfigStore store, Drivers drivers) {
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
                OpParam.optional("hvparams", ParamType.DICT, Map.of(), "Temporary hypervisor parameters"),
                OpParam.optional("beparams", ParamType.DICT, Map.of(), "Temporary backend parameters"),
                OpParam.optional("no_remember", ParamType.BOOL, false, "Do not remember the state change"),
                OpParam.optional("startup_paused", ParamType.BOOL, false, "Pause instance at startup"),
                OpParam.optional("shutdown_timeout", ParamType.NON_NEGATIVE_INT, 120, "Shutdown timeout"));
    }

    @Override
    protected void check(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        if ("offline".equals(inst.adminState())) {
            throw GanetiException.prereq("Instance '" + inst.name() + "' is marked to be offline",
                    ErrorCode.ECODE_STATE);
        }
        Instances.requireOnline(pnode);
        if (!nodes.at(pnode).hasHypervisor(inst.hypervisor())) {
            ctx.feedback("Waiting for hypervisor '" + inst.hypervisor() + "' (its bundle is not active)");
        }
        Hypervisor hv = nodes.at(pnode).awaitHypervisor(inst.hypervisor(), ctx::cancelRequested, HYPERVISOR_WAIT_MS);
        if (!Instances.running(hv, inst)) {
            long need = Instances.maxMem(Instances.filledBe(cluster, inst.beparams()));
            long free = hv.nodeInfo().memoryFree();
            if (need > free) {
                throw GanetiException.prereq("Not enough memory on node " + pnode.name() + " for starting instance "
                        + inst.name() + ": needed " + need + " MiB, available " + free + " MiB",
                        ErrorCode.ECODE_NORES);
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object run(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        Hypervisor hv = nodes.at(pnode).awaitHypervisor(inst.hypervisor(), ctx::cancelRequested, HYPERVISOR_WAIT_MS);
        if (!Boolean.TRUE.equals(p(op).get("no_remember"))) {
            inst = Instances.withAdminState(store, inst, "up", "admin");
        }
        if (Instances.running(hv, inst)) {
            ctx.feedback("Instance " + inst.name() + " is already running");
            return null;
        }
        var hvInst = Instances.hv(cluster, inst, Instances.assembleDisks(store, cluster, nodes.at(pnode), inst));
        Map<String, Object> tmpHv = (Map<String, Object>) p(op).get("hvparams");
        Map<String, Object> tmpBe = (Map<String, Object>) p(op).get("beparams");
        if (!tmpHv.isEmpty() || !tmpBe.isEmpty()) {
            Map<String, Object> h = new java.util.LinkedHashMap<>(hvInst.hvparams());
            h.putAll(tmpHv);
            Map<String, Object> b = new java.util.LinkedHashMap<>(hvInst.beparams());
            b.putAll(Instances.upgradeMemory(tmpBe));
            hvInst = new org.garnet.api.hypervisor.HvInstance(inst, h, b, hvInst.diskPaths());
        }
        hv.start(hvInst, Boolean.TRUE.equals(p(op).get("startup_paused")));
        return null;
    }
}
