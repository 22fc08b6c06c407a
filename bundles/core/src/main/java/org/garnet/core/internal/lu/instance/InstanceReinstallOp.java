package org.garnet.core.internal.lu.instance;

import java.time.Duration;
import java.util.LinkedHashMap;
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
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.api.os.OsDefinition;
import org.garnet.core.internal.CoreConfig;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.rpc.NodeRpc;
import org.garnet.core.internal.os.OsRunner;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_INSTANCE_REINSTALL} ({@code gnt-instance reinstall [-o OS] [-O params]}): the instance must be
 * stopped; optionally switches OS and parameters, then runs the OS {@code create} script again with
 * {@code INSTANCE_REINSTALL=1}.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + InstanceReinstallOp.OP,
        configurationPid = CoreConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class InstanceReinstallOp extends InstanceOp {
    static final String OP = "OP_INSTANCE_REINSTALL";
    public InstanceReinstallOp() {
    }

    /** For tests: every node served in process by {@code drivers}, OS logs under {@code osLogDir}. */
    public InstanceReinstallOp(ConfigStore store, Drivers drivers, java.nio.file.Path osLogDir) {
        this.store = store;
        this.drivers = drivers;
        this.nodes = NodeRpc.inProcess(drivers, osLogDir.getParent().getParent());
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
                OpParam.optional("os_type", ParamType.STRING, null, "OS type for instance installation"),
                OpParam.optional("force_variant", ParamType.BOOL, false, "Whether to force an unknown OS variant"),
                OpParam.optional("osparams", ParamType.DICT, null, "Temporary OS parameters"),
                OpParam.optional("osparams_private", ParamType.DICT, null, "Private OS parameters"),
                OpParam.optional("osparams_secret", ParamType.DICT, null, "Secret OS parameters"));
    }

    @Override
    protected void check(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        Instances.requireOnline(pnode);
        if (Instances.running(nodes.at(pnode), inst)) {
            throw GanetiException.prereq("Instance " + inst.name() + " is running, cannot reinstall",
                    ErrorCode.ECODE_STATE);
        }
        String os = osName(op, inst);
        OsDefinition def = nodes.at(pnode).os(os).orElseThrow(() -> GanetiException.prereq("OS '" + os
                + "' not in supported OS list for node " + pnode.name(), ErrorCode.ECODE_INVAL));
        @SuppressWarnings("unchecked")
        Map<String, Object> params = new LinkedHashMap<>(inst.osparams());
        if (p(op).get("osparams") != null) {
            params.putAll((Map<String, Object>) p(op).get("osparams"));
        }
        nodes.at(pnode).validateOs(os, null, params);
    }

    @Override
    protected String osRun(OpCode op, Instance inst) {
        return inst.os() == null && p(op).get("os_type") == null ? null : osName(op, inst);
    }

    private static String osName(OpCode op, Instance inst) {
        String t = p(op).get("os_type") != null ? (String) p(op).get("os_type") : inst.os();
        int plus = t.indexOf('+');
        return plus < 0 ? t : t.substring(0, plus);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object run(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        String osType = p(op).get("os_type") != null ? (String) p(op).get("os_type") : inst.os();
        String os = osName(op, inst);
        Map<String, Object> osparams = new LinkedHashMap<>(inst.osparams());
        if (p(op).get("osparams") != null) {
            osparams.putAll((Map<String, Object>) p(op).get("osparams"));
        }
        Map<String, Object> finalParams = osparams;
        Instance updated = store.update(Instance.class, inst.uuid(), i -> new Instance(i.uuid(), i.name(), i.serialNo(),
                i.ctime(), i.mtime(), i.primaryNode(), osType, i.hypervisor(), i.diskTemplate(), i.hvparams(),
                i.beparams(), finalParams, i.adminState(), i.adminStateSource(), i.disksActive(), i.disks(), i.nics(),
                i.networkPort(), i.tags()));
        ctx.feedback("Running the instance OS create scripts...");
        List<String> paths = Instances.assembleDisks(store, cluster, nodes.at(pnode), updated);
        Map<String, String> env = OsRunner.with(OsScriptEnv.of(nodes.at(pnode), pnode, cluster, updated, paths,
                op.debugLevel()), Map.of("INSTANCE_REINSTALL", "1"));
        nodes.at(pnode).runOs(OsDefinition.OsScript.create, "add", os, updated.name(), env, Duration.ofHours(1))
                .forEach(ctx::feedback);
        return null;
    }
}
