package org.garnet.core.internal.lu.instance;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.hypervisor.Hypervisor;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;

/**
 * What failover and migrate share (Ganeti's {@code TLMigrateInstance}): their parameters, the target's lock and
 * choice, Ganeti's prerequisites (layout, target, memory, the instance running for a migration) and the switch
 * to a failover when a migration is not possible and {@code allow_failover} says so.
 */
abstract class RelocateOp extends InstanceOp {
    /** Whether this is a failover (else a migration). */
    private final boolean failover;

    RelocateOp(boolean failover) {
        this.failover = failover;
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
    protected Set<String> moreNodes(OpCode op, Instance found) {
        Node named = Relocation.named(store, (String) p(op).get("target_node"), (String) p(op).get("iallocator"));
        if (named != null) {
            return Set.of(named.uuid());
        }
        return Relocation.templates(found).stream().anyMatch(Relocation.INT_MIRROR::contains) ? Set.of()
                : LockPlan.ALL;
    }

    /** The decisions of the prerequisites, for the execution. */
    private record Plan(Node target, boolean failover, boolean live) {
    }

    @Override
    protected Object prepare(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        return plan(op, ctx, cluster, inst, pnode);
    }

    /** Ganeti's CheckPrereq (under the locks: the allocator chooses among every node, all locked). */
    private Plan plan(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        Map<String, Object> p = p(op);
        boolean cleanup = !failover && Boolean.TRUE.equals(p.get("cleanup"));
        boolean allowFailover = Boolean.TRUE.equals(p.get("allow_failover"));
        boolean doFailover = failover;
        if (!cleanup && !"up".equals(inst.adminState()) && !doFailover && allowFailover) {
            ctx.feedback("Instance is marked down or offline, fallback allowed, switching to failover");
            doFailover = true;
        }
        Relocation.checkLayout(inst, doFailover ? "failovers" : "migrations");
        Set<String> usable = Set.copyOf(store.list(Node.class).stream().map(Node::uuid).toList());
        Node target = Relocation.target(store, drivers, nodes, ctx, cluster, inst, (String) p.get("target_node"),
                (String) p.get("iallocator"), usable, cleanup, doFailover ? "failed over" : "migrated");
        Map<String, Object> be = Instances.filledBe(cluster, inst.beparams());
        if (!target.group().equals(pnode.group())) {
            Relocation.targetPolicy(store, cluster, inst, target, be, Boolean.TRUE.equals(p.get("ignore_ipolicy")), ctx);
        }
        if (!cleanup && (!doFailover || "up".equals(inst.adminState()))) {
            long need = ((Number) be.getOrDefault("minmem", be.getOrDefault("memory", 128))).longValue();
            long free = nodes.at(target).hypervisor(inst.hypervisor()).nodeInfo().memoryFree();
            if (need > free) {
                throw GanetiException.prereq("Not enough memory on node " + target.name() + " for migrating "
                        + "instance " + inst.name() + ": needed " + need + " MiB, available " + free + " MiB",
                        ErrorCode.ECODE_NORES);
            }
        }
        if (!cleanup && !doFailover && Boolean.TRUE.equals(be.get("always_failover"))) {
            ctx.feedback("Instance configured to always failover; fallback to failover");
            doFailover = true;
        }
        boolean live = false;
        if (!cleanup && !doFailover) {
            Hypervisor hv = nodes.at(pnode).hypervisor(inst.hypervisor());
            if (!Instances.running(hv, inst)) {
                if (!allowFailover) {
                    throw GanetiException.prereq("Can't migrate, please use failover: Instance " + inst.name()
                            + " is not running", ErrorCode.ECODE_STATE);
                }
                ctx.feedback("Can't migrate, instance offline, fallback to failover");
                doFailover = true;
            }
        }
        if (!doFailover) {
            if (p.get("live") != null && p.get("mode") != null) {
                throw GanetiException.prereq("Only one of the 'live' and 'mode' parameters are accepted",
                        ErrorCode.ECODE_INVAL);
            }
            String mode = p.get("live") != null ? (Boolean.TRUE.equals(p.get("live")) ? "live" : "non-live")
                    : p.get("mode") != null ? (String) p.get("mode")
                    : String.valueOf(Instances.filledHv(cluster, inst.hypervisor(), inst.hvparams())
                            .getOrDefault("migration_mode", "live"));
            live = "live".equals(mode);
        }
        return new Plan(target, doFailover, live);
    }

    @Override
    protected Object run(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        throw new IllegalStateException("runs with its prepared plan");
    }

    @Override
    protected Object run(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode, Object prepared) {
        Plan plan = (Plan) prepared;
        Move move = new Move(store, nodes, ctx, cluster, inst, pnode, plan.target());
        if (plan.failover()) {
            Failover.run(move, ((Number) p(op).get("shutdown_timeout")).intValue(),
                    Boolean.TRUE.equals(p(op).get("ignore_consistency")));
        } else if (!failover && Boolean.TRUE.equals(p(op).get("cleanup"))) {
            Migration.cleanup(move);
        } else {
            Migration.run(move, plan.live());
        }
        return null;
    }
}
