package org.garnet.core.internal.lu.instance;

import java.util.List;
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
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_INSTANCE_MIGRATE}: Live-migrates an instance to another node (Ganeti's LUInstanceMigrate). With one reachable node it answers Ganeti's refusal (disk layout, target, primary) and
 * otherwise reports that the other node cannot be reached yet.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + InstanceMigrateOp.OP)
public class InstanceMigrateOp extends InstanceOp {
    static final String OP = "OP_INSTANCE_MIGRATE";

    public InstanceMigrateOp() {
    }

    public InstanceMigrateOp(ConfigStore store, Drivers drivers) {
        this.store = store;
        this.drivers = drivers;
    }

    @Reference
    void setStore(ConfigStore s) {
        store = s;
    }

    @Reference
    void setDrivers(Drivers d) {
        drivers = d;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    protected List<OpParam> ownParams() {
        return List.of(
                OpParam.optional("shutdown_timeout", ParamType.NON_NEGATIVE_INT, 120, "Shutdown timeout"),
                OpParam.optional("ignore_consistency", ParamType.BOOL, false, "Ignore disk consistency"),
                OpParam.optional("target_node", ParamType.STRING, null, "Target node"),
                OpParam.optional("iallocator", ParamType.STRING, null, "Iallocator for the target node"),
                OpParam.optional("ignore_ipolicy", ParamType.BOOL, false, "Ignore ipolicy violations"),
                OpParam.optional("cleanup", ParamType.BOOL, false, "Whether a previously failed migration should "
                        + "be cleaned up"),
                OpParam.optional("live", ParamType.BOOL, null, "Whether to do a live migration"),
                OpParam.optional("mode", ParamType.STRING, null, "Migration mode (live or non-live)"),
                OpParam.optional("allow_failover", ParamType.BOOL, false, "Whether to fall back to failover"),
                OpParam.optional("allow_runtime_changes", ParamType.BOOL, true, "Allow runtime changes"),
                OpParam.optional("ignore_hvversions", ParamType.BOOL, false, "Ignore hypervisor versions"));
    }

    @Override
    protected void check(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        Relocation.check(store, cluster, inst, (String) p(op).get("target_node"), (String) p(op).get("iallocator"),
                "migrations");
    }

    @Override
    protected Object run(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        return null;
    }
}
