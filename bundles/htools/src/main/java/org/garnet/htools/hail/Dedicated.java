package org.garnet.htools.hail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.garnet.htools.algo.Allocator;
import org.garnet.htools.algo.Policy;
import org.garnet.htools.model.AllocPolicy;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.DiskTemplate;
import org.garnet.htools.model.FailMode;
import org.garnet.htools.model.Group;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.IPolicy;
import org.garnet.htools.model.ISpec;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.InstanceStatus;
import org.garnet.htools.model.MinMaxISpecs;
import org.garnet.htools.model.Node;

/**
 * Allocation on dedicated clusters (all nodes of the relevant groups use exclusive storage): nodes are chosen by
 * the "lost allocations" metric instead of the cluster score (Ganeti's Dedicated module).
 */
public final class Dedicated {
    private Dedicated() {
    }

    /** Ganeti's isDedicated: every node of the considered groups has exclusive storage. */
    public static boolean isDedicated(ClusterData cd, String group) {
        List<Integer> groups = new ArrayList<>();
        for (Group g : cd.groups) {
            if (group == null ? g.allocPolicy != AllocPolicy.UNALLOCABLE : g.name.equals(group)) {
                groups.add(g.idx);
            }
        }
        for (Node n : cd.nodes) {
            if (!(n.exclStorage || !groups.contains(n.group))) {
                return false;
            }
        }
        return true;
    }

    /** Ganeti's testInstances: minimal instances of the policy's min specs, biggest disk first. */
    static List<Instance> testInstances(IPolicy pol) {
        List<ISpec> mins = new ArrayList<>();
        for (MinMaxISpecs mm : pol.minMax()) {
            mins.add(mm.min());
        }
        mins.sort(Comparator.comparingInt(ISpec::diskSize).reversed());
        List<Instance> r = new ArrayList<>();
        for (ISpec s : mins) {
            Instance i = Instance.create("minimalspecinstance", s.memorySize(), s.diskSize(), null, s.cpuCount(),
                    InstanceStatus.RUNNING, List.of(), false, -1, -1, DiskTemplate.PLAIN, s.spindleUse(), false);
            i.diskSizes = new int[0];
            i.diskSpindles = new Integer[0];
            r.add(i);
        }
        return r;
    }

    static int[] allocationVector(List<Instance> insts, Node node) {
        int[] v = new int[insts.size()];
        for (int k = 0; k < v.length; k++) {
            Node n = node;
            int c = 0;
            while (true) {
                n = n.addPri(insts.get(k));
                if (n.failed()) {
                    break;
                }
                c++;
            }
            v[k] = c;
        }
        return v;
    }

    private static int[] minus(int[] a, int[] b) {
        int[] r = new int[a.length];
        for (int k = 0; k < a.length; k++) {
            r[k] = a[k] - b[k];
        }
        return r;
    }

    private static FailMode lastFail;

    private static AllocSolution.Element onSingle(boolean force, Node[] nl, Instance inst, int pdx) {
        Node p = nl[pdx];
        FailMode pf = Policy.instMatchesPolicy(inst, p.iPolicy, p.exclStorage);
        if (pf != null) {
            lastFail = pf;
            return null;
        }
        List<Instance> tests = testInstances(p.iPolicy);
        Node np = p.addPriEx(force, inst);
        if (np.failed()) {
            lastFail = np.fail;
            return null;
        }
        Instance ni = inst.copy();
        ni.pNode = pdx;
        ni.sNode = -1;
        Node[] nl2 = nl.clone();
        nl2[pdx] = np;
        Score s = new Score(0, minus(allocationVector(tests, p), allocationVector(tests, np)), np.fDsk);
        return new AllocSolution.Element(nl2, ni, new int[] {pdx}, s);
    }

    private static AllocSolution.Element onPair(boolean force, Node[] nl, Instance inst, int pdx, int sdx) {
        Node p = nl[pdx];
        Node s = nl[sdx];
        FailMode pf = Policy.instMatchesPolicy(inst, p.iPolicy, p.exclStorage);
        if (pf != null) {
            lastFail = pf;
            return null;
        }
        List<Instance> tests = testInstances(p.iPolicy);
        Instance ni = inst.copy();
        ni.pNode = pdx;
        ni.sNode = sdx;
        Node np = p.addPriEx(force, ni);
        if (np.failed()) {
            lastFail = np.fail;
            return null;
        }
        Node ns = s.addSec(ni, pdx);
        if (ns.failed()) {
            lastFail = ns.fail;
            return null;
        }
        int[] lp = minus(allocationVector(tests, p), allocationVector(tests, np));
        int[] ls = minus(allocationVector(tests, s), allocationVector(tests, ns));
        int[] sum = new int[lp.length];
        for (int k = 0; k < sum.length; k++) {
            sum[k] = lp[k] + ls[k];
        }
        Node[] nl2 = nl.clone();
        nl2[pdx] = np;
        nl2[sdx] = ns;
        return new AllocSolution.Element(nl2, ni, new int[] {pdx, sdx}, new Score(0, sum, np.fDsk + ns.fDsk));
    }

    /** Ganeti's Dedicated.findAllocation: allocation in group {@code gdx}. */
    static AllocSolution findAllocation(GroupAlloc.Ctx ctx, List<Group> gl, Node[] nl, int gdx, Instance inst,
            int count) throws HtoolsException {
        Group g = gl.get(gdx);
        if (!GroupAlloc.hasRequiredNetworks(ctx, g, inst)) {
            throw new HtoolsException("The group " + g.name + " is not connected to a network required by instance "
                    + inst.name);
        }
        boolean force = ctx.opts().ignoreSoftErrors;
        Allocator.AllocNodes an = GroupAlloc.allocNodes(ctx, gl, nl, Groups.groupNodes(nl, gdx), count);
        AllocSolution sol = new AllocSolution();
        if (an.pairs != null) {
            if (an.pairs.length == 0) {
                throw new HtoolsException("Not enough online nodes");
            }
            for (int[] pair : an.pairs) {
                AllocSolution part = new AllocSolution();
                for (int k = 1; k < pair.length; k++) {
                    add(part, lastFailOr(onPair(force, nl, inst, pair[0], pair[k])));
                }
                sol.sum(part);
            }
        } else {
            if (an.singles.length == 0) {
                throw new HtoolsException("No online nodes");
            }
            for (int p : an.singles) {
                add(sol, lastFailOr(onSingle(force, nl, inst, p)));
            }
        }
        return sol.annotate();
    }

    private record Outcome(FailMode fail, AllocSolution.Element e) {
    }

    private static Outcome lastFailOr(AllocSolution.Element e) {
        return new Outcome(e == null ? lastFail : null, e);
    }

    private static void add(AllocSolution s, Outcome o) {
        s.add(o.fail(), o.e());
    }

    /** Ganeti's findMGAllocation. */
    static AllocSolution findMGAllocation(GroupAlloc.Ctx ctx, List<Group> gl, Node[] nl, Instance inst, int count)
            throws HtoolsException {
        Map<Integer, int[]> byGroup = Groups.nodesByGroup(nl);
        List<GroupAlloc.GroupResult> results = new ArrayList<>();
        for (int g : byGroup.keySet()) {
            try {
                AllocSolution sol = findAllocation(ctx, gl, nl, g, inst, count);
                results.add(new GroupAlloc.GroupResult(gl.get(g), sol, null));
            } catch (HtoolsException e) {
                results.add(new GroupAlloc.GroupResult(gl.get(g), null, e.getMessage()));
            }
        }
        List<String> msgs = new ArrayList<>();
        results.forEach(r -> msgs.addAll(GroupAlloc.describe(r)));
        List<GroupAlloc.GroupResult> good = new ArrayList<>();
        for (GroupAlloc.GroupResult r : results) {
            if (r.sol() != null && r.sol().best != null && r.group().isAllocable()) {
                good.add(0, r);
            }
        }
        good.sort(Comparator.comparing((GroupAlloc.GroupResult r) -> r.group().allocPolicy)
                .thenComparing(r -> r.sol().best.score()));
        if (good.isEmpty()) {
            throw new HtoolsException(String.join(", ", msgs));
        }
        AllocSolution sol = good.get(0).sol();
        List<String> log = new ArrayList<>();
        log.add("Selected group: " + good.get(0).group().name);
        log.addAll(msgs);
        sol.log = log;
        return sol;
    }
}
