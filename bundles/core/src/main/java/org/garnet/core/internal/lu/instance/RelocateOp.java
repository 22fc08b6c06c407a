package org.garnet.core.internal.lu.instance;

import java.util.List;
import org.garnet.api.GanetiException;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;

/**
 * What failover and migrate share: their parameters and, with one reachable node, Ganeti's refusal (disk
 * layout, target, primary) or the report that the other node cannot be reached yet.
 */
abstract class RelocateOp extends InstanceOp {
    /** {@code failovers} or {@code migrations}, as Ganeti's message names the operation. */
    private final String what;

    RelocateOp(String what) {
        this.what = what;
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
                OpParam.optional("mode", ParamType.STRING, null, "Migration mode (live or non-live)")
                        .oneOf("live", "non-live"),
                OpParam.optional("allow_failover", ParamType.BOOL, false, "Whether to fall back to failover"),
                OpParam.optional("allow_runtime_changes", ParamType.BOOL, true, "Allow runtime changes"),
                OpParam.optional("ignore_hvversions", ParamType.BOOL, false, "Ignore hypervisor versions"));
    }

    @Override
    protected void check(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        Relocation.check(store, cluster, inst, (String) p(op).get("target_node"), (String) p(op).get("iallocator"),
                what);
    }

    @Override
    protected Object run(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        // Moving an instance between nodes (disks, hypervisor state) comes with the moving-instances work.
        throw GanetiException.exec("Moving instance " + inst.name() + " to another node is not supported yet");
    }
}
