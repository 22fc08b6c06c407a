package org.garnet.htools.hail;

import java.util.ArrayList;
import java.util.List;

import org.garnet.htools.algo.AlgOptions;
import org.garnet.htools.algo.Allocator;
import org.garnet.htools.algo.GlobalN1;
import org.garnet.htools.iallocator.Request;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.Group;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/**
 * Garnet extension ({@code hail --explain}): for each node, why it was refused for a new instance — which
 * constraint and by what margin (memory, disk, spindles, vcpu ratio, exclusion tags, instance policy, N+1 and the
 * global N+1 capacity check), or that it was acceptable.
 */
public final class Explain {
    private Explain() {
    }

    /** One node's verdict for one instance. */
    record Verdict(String node, boolean ok, String text) {
    }

    /** The verdicts for one requested instance, on the cluster state it was allocated against. */
    record Block(Request.AllocDetails alloc, List<Verdict> verdicts, boolean failed) {
    }

    /**
     * Verdicts for each requested instance; a multi-allocation is replayed so that each instance is explained
     * against the cluster with the previous ones placed, stopping where Ganeti's allocation stops.
     */
    static List<Block> blocks(AlgOptions opts, Request r, List<String> restrictCli) {
        List<Block> out = new ArrayList<>();
        if (!r.isAllocation()) {
            return out;
        }
        ClusterData cd = r.cluster;
        Node[] nl0 = cd.nodes.toArray(new Node[0]);
        Node[] nl = nl0;
        List<Instance> il = new ArrayList<>(cd.instances);
        List<String> restrict = restrictCli != null ? restrictCli
                : r.type == Request.Type.ALLOCATE ? r.restrictToNodes : null;
        GroupAlloc.Ctx ctx = new GroupAlloc.Ctx(opts, restrict, r.nicNetworks);
        boolean dedicated = Dedicated.isDedicated(cd, r.allocationGroup());
        for (Request.AllocDetails d : r.allocs) {
            List<Verdict> vs = verdicts(ctx, cd, nl, il, d, dedicated);
            AllocSolution sol;
            try {
                sol = Hail.allocOne(ctx, cd.groups, nl0, nl, il, d, dedicated);
            } catch (HtoolsException e) {
                out.add(new Block(d, vs, true));
                break;
            }
            out.add(new Block(d, vs, sol.best == null));
            if (sol.best != null) {
                int newIdx = il.size();
                nl = sol.extractNl(nl, newIdx);
                Instance ni = sol.best.inst().copy();
                ni.idx = newIdx;
                il.add(ni);
            }
        }
        return out;
    }

    /** The full report printed on standard error: one block per requested instance, one line per node. */
    public static String report(AlgOptions opts, Request r, List<String> restrict) {
        StringBuilder b = new StringBuilder();
        for (Block blk : blocks(opts, r, restrict)) {
            Instance i = blk.alloc().inst();
            b.append("Explanation for instance ").append(i.name).append(" (").append(i.diskTemplate.raw).append(", ")
                    .append(i.mem).append(" MB memory, ").append(i.dsk).append(" MB disk, ").append(i.vcpus)
                    .append(" vcpus, ").append(blk.alloc().requiredNodes()).append(" node(s)):\n");
            if (blk.verdicts().isEmpty()) {
                b.append("  the cluster has no nodes\n");
            }
            for (Verdict v : blk.verdicts()) {
                b.append("  ").append(v.node()).append(": ").append(v.text()).append('\n');
            }
        }
        return b.toString();
    }

    /**
     * hspace's explanation: the verdict of each node on one more instance like {@code inst} (on {@code required}
     * nodes) on the cluster as {@code nl}/{@code il} leave it.
     */
    public static String forSpec(AlgOptions opts, ClusterData cd, Node[] nl, List<Instance> il, Instance inst,
            int required, String what) {
        Instance spec = inst.copy();
        spec.name = "new";
        spec.alias = spec.name;
        spec.idx = il.size();
        GroupAlloc.Ctx ctx = new GroupAlloc.Ctx(opts, null, java.util.Map.of());
        Request.AllocDetails d = new Request.AllocDetails(spec, required, null);
        StringBuilder b = new StringBuilder("Explanation for ").append(what).append(" (")
                .append(spec.diskTemplate.raw).append(", ").append(spec.mem).append(" MB memory, ").append(spec.dsk)
                .append(" MB disk, ").append(spec.vcpus).append(" vcpus, ").append(required).append(" node(s)):\n");
        List<Verdict> vs = verdicts(ctx, cd.withState(java.util.Arrays.asList(nl), il), nl, il, d, false);
        if (vs.isEmpty()) {
            b.append("  the cluster has no nodes\n");
        }
        for (Verdict v : vs) {
            b.append("  ").append(v.node()).append(": ").append(v.text()).append('\n');
        }
        return b.toString();
    }

    /** The text appended to the info of a failed allocation: the verdicts for the instance(s) that failed. */
    static String infoSuffix(AlgOptions opts, Request r, List<String> restrict) {
        List<String> parts = new ArrayList<>();
        for (Block blk : blocks(opts, r, restrict)) {
            if (!blk.failed()) {
                continue;
            }
            if (blk.verdicts().isEmpty()) {
                parts.add((r.allocs.size() > 1 ? blk.alloc().inst().name + ": " : "") + "the cluster has no nodes");
            }
            String prefix = r.allocs.size() > 1 ? blk.alloc().inst().name + " on " : "";
            for (Verdict v : blk.verdicts()) {
                parts.add(prefix + v.node() + ": " + v.text());
            }
        }
        return parts.isEmpty() ? "" : "; explanation: " + String.join(" | ", parts);
    }

    static List<Verdict> verdicts(GroupAlloc.Ctx ctx, ClusterData cd, Node[] nl, List<Instance> il,
            Request.AllocDetails d, boolean dedicated) {
        List<Verdict> out = new ArrayList<>();
        for (Node n : nl) {
            String why = explainNode(ctx, cd, nl, il, d, n, dedicated);
            out.add(new Verdict(n.name, why.startsWith("ok"), why));
        }
        return out;
    }

    private static String explainNode(GroupAlloc.Ctx ctx, ClusterData cd, Node[] nl, List<Instance> il,
            Request.AllocDetails d, Node n, boolean dedicated) {
        Instance inst = d.inst();
        Group g = cd.groups.get(n.group);
        if (d.groupName() != null && !g.name.equals(d.groupName()) && !g.uuid.equals(d.groupName())) {
            return "refused: not in the requested group " + d.groupName() + " (node is in " + g.name + ")";
        }
        if (d.groupName() == null && !g.isAllocable()) {
            return "refused: its group " + g.name + " is unallocable";
        }
        List<String> missing = new ArrayList<>(ctx.networks(inst));
        missing.removeAll(g.networks);
        if (!missing.isEmpty()) {
            return "refused: its group " + g.name + " is not connected to network(s) " + String.join(",", missing);
        }
        if (ctx.restrictTo() != null && !ctx.restrictTo().contains(n.name)) {
            return "refused: not among the nodes the allocation is restricted to";
        }
        if (n.offline) {
            return "refused: node is offline or drained";
        }
        if (d.requiredNodes() != 1 && d.requiredNodes() != 2) {
            return "refused: unsupported number of nodes " + d.requiredNodes();
        }
        List<String> reasons = NodeCheck.policy(inst, n.iPolicy, n.exclStorage);
        reasons.addAll(NodeCheck.primary(n, inst, ctx.opts().ignoreSoftErrors));
        if (!reasons.isEmpty()) {
            return "refused" + (d.requiredNodes() == 2 ? " as primary" : "") + ": " + String.join("; ", reasons);
        }
        int[] scope = d.groupName() == null ? null : Groups.groupNodes(nl, n.group);
        if (dedicated) {
            return dedicated(nl, inst, n, g, ctx, d.requiredNodes());
        }
        if (d.requiredNodes() == 1) {
            return single(ctx, nl, scope, il, inst, n);
        }
        return pair(ctx, nl, scope, il, inst, n, g);
    }

    /** Dedicated clusters: no capacity check; nodes are ranked by the lost-allocations metric. */
    private static String dedicated(Node[] nl, Instance inst, Node n, Group g, GroupAlloc.Ctx ctx, int count) {
        if (count == 1) {
            return "ok (dedicated cluster: ranked by lost allocations)";
        }
        List<String> secFails = new ArrayList<>();
        for (Node s : nl) {
            if (s.idx == n.idx || s.group != n.group || s.offline
                    || (ctx.restrictTo() != null && !ctx.restrictTo().contains(s.name))) {
                continue;
            }
            Instance ni = inst.copy();
            ni.pNode = n.idx;
            ni.sNode = s.idx;
            Node ns = s.addSec(ni, n.idx);
            if (!ns.failed()) {
                return "ok as primary (dedicated cluster: ranked by lost allocations)";
            }
            List<String> why = NodeCheck.secondary(s, inst, n.idx);
            secFails.add(s.name + " (" + (why.isEmpty() ? ns.fail.name() : String.join("; ", why)) + ")");
        }
        return secFails.isEmpty() ? "refused: no other usable node in group " + g.name + " for the secondary"
                : "refused as primary: no secondary works: " + String.join(", ", secFails);
    }

    private static AllocSolution tryOn(GroupAlloc.Ctx ctx, Node[] nl, int[] scope, List<Instance> il, Instance inst,
            Allocator.AllocNodes an) {
        try {
            return GroupAlloc.tryAlloc(ctx, nl, scope, il, inst, an);
        } catch (HtoolsException e) {
            return null;
        }
    }

    private static String single(GroupAlloc.Ctx ctx, Node[] nl, int[] scope, List<Instance> il, Instance inst,
            Node n) {
        AllocSolution s = tryOn(ctx, nl, scope, il, inst, new Allocator.AllocNodes(new int[] {n.idx}, null));
        if (s != null && s.best != null) {
            return "ok (score " + s.best.score().text() + ")";
        }
        return "refused: " + capacity(ctx, nl, scope, il, inst, n.idx, -1);
    }

    private static String pair(GroupAlloc.Ctx ctx, Node[] nl, int[] scope, List<Instance> il, Instance inst, Node n,
            Group g) {
        List<Integer> secs = new ArrayList<>();
        for (Node s : nl) {
            if (s.idx != n.idx && s.group == n.group && !s.offline
                    && (ctx.restrictTo() == null || ctx.restrictTo().contains(s.name))) {
                secs.add(s.idx);
            }
        }
        if (secs.isEmpty()) {
            return "refused: no other usable node in group " + g.name + " for the secondary";
        }
        int[] pair = new int[secs.size() + 1];
        pair[0] = n.idx;
        for (int k = 0; k < secs.size(); k++) {
            pair[k + 1] = secs.get(k);
        }
        AllocSolution s = tryOn(ctx, nl, scope, il, inst, new Allocator.AllocNodes(null, new int[][] {pair}));
        if (s != null && s.best != null) {
            return "ok as primary (best secondary " + nl[s.best.nodes()[1]].name + ", score "
                    + s.best.score().text() + ")";
        }
        List<String> secFails = new ArrayList<>();
        for (int sdx : secs) {
            secFails.add(nl[sdx].name + " (" + String.join("; ", secondaryWhy(ctx, nl, scope, il, inst, n.idx, sdx))
                    + ")");
        }
        return "refused as primary: no secondary works: " + String.join(", ", secFails);
    }

    /** Why {@code sdx} cannot be the secondary of a new instance on {@code pdx}. */
    private static List<String> secondaryWhy(GroupAlloc.Ctx ctx, Node[] nl, int[] scope, List<Instance> il,
            Instance inst, int pdx, int sdx) {
        List<String> why = NodeCheck.secondary(nl[sdx], inst, pdx);
        if (!why.isEmpty()) {
            return why;
        }
        Instance ni = inst.copy();
        ni.pNode = pdx;
        ni.sNode = sdx;
        Node ns = nl[sdx].addSec(ni, pdx);
        if (ns.failed()) {
            return List.of(ns.fail.name());
        }
        return List.of(capacity(ctx, nl, scope, il, inst, pdx, sdx));
    }

    /** Why a placement that passes the node checks is still refused: the global N+1 capacity check. */
    private static String capacity(GroupAlloc.Ctx ctx, Node[] nl, int[] scope, List<Instance> il, Instance inst,
            int pdx, int sdx) {
        Instance ni = inst.copy();
        ni.idx = il.size();
        ni.pNode = pdx;
        ni.sNode = sdx;
        Node[] nl2 = nl.clone();
        Node p = nl2[pdx].addPriEx(ctx.opts().ignoreSoftErrors, ni);
        if (p.failed()) {
            return "placement failed (" + p.fail + ")";
        }
        nl2[pdx] = p;
        if (sdx >= 0) {
            Node s = nl2[sdx].addSec(ni, pdx);
            if (s.failed()) {
                return "placement failed (" + s.fail + ")";
            }
            nl2[sdx] = s;
        }
        List<Instance> il2 = new ArrayList<>(il);
        il2.add(ni);
        for (Node x : nl2) {
            if (scope != null && java.util.Arrays.binarySearch(scope, x.idx) < 0) {
                continue;
            }
            if (!GlobalN1.canEvacuateNode(nl2, il2, scope, x)) {
                return "global N+1: with the instance here, node " + x.name
                        + " could no longer be evacuated if it failed";
            }
        }
        return ctx.opts().capacity ? "global N+1 capacity check failed" : "not selected";
    }
}
