package org.garnet.htools.hail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.garnet.htools.algo.AlgOptions;
import org.garnet.htools.algo.Allocator;
import org.garnet.htools.iallocator.ClusterShow;
import org.garnet.htools.model.Group;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/**
 * Allocation of a new instance: in one group (Ganeti's findAllocation / tryGroupAlloc) or in the best group of a
 * multi-group cluster (findBestAllocGroup / tryMGAlloc).
 */
public final class GroupAlloc {
    private GroupAlloc() {
    }

    /** Allocation context: algorithm options, node restriction and the networks of each instance. */
    public record Ctx(AlgOptions opts, List<String> restrictTo, Map<String, List<String>> nicNetworks) {
        List<String> networks(Instance inst) {
            return nicNetworks.getOrDefault(inst.name, List.of());
        }
    }

    /** Result of trying one group: a solution, or the error message. */
    record GroupResult(Group group, AllocSolution sol, String error) {
    }

    static boolean hasRequiredNetworks(Ctx ctx, Group g, Instance inst) {
        return g.networks.containsAll(ctx.networks(inst));
    }

    /** Ganeti's genAllocNodes over {@code candidates} (honouring the node restriction). */
    static Allocator.AllocNodes allocNodes(Ctx ctx, List<Group> gl, Node[] nl, int[] candidates, int count)
            throws HtoolsException {
        if (count != 1 && count != 2) {
            throw new HtoolsException("Unsupported number of nodes, only one or two  supported");
        }
        List<Integer> scope = new ArrayList<>();
        for (int i : candidates) {
            if (ctx.restrictTo() == null || ctx.restrictTo().contains(nl[i].name)) {
                scope.add(i);
            }
        }
        int[] s = scope.stream().mapToInt(Integer::intValue).sorted().toArray();
        return Allocator.genAllocNodes(gl, nl, s, count, false);
    }

    /** Ganeti's tryAlloc, annotated; {@code scope} is the node set scored (null: all). */
    static AllocSolution tryAlloc(Ctx ctx, Node[] nl, int[] scope, List<Instance> il, Instance inst,
            Allocator.AllocNodes an) throws HtoolsException {
        try {
            return AllocSolution.from(Allocator.tryAlloc(ctx.opts(), nl, scope, il, inst, an), nl).annotate();
        } catch (Allocator.AllocException e) {
            throw new HtoolsException(e.getMessage());
        }
    }

    /** Ganeti's solutionDescription. */
    static List<String> describe(GroupResult r) {
        List<String> out = new ArrayList<>();
        if (r.sol() != null) {
            for (String l : r.sol().log) {
                out.add("Group " + r.group().name + " (" + r.group().allocPolicy.raw + "): " + l);
            }
        } else {
            out.add("Group " + r.group().name + ": error " + r.error());
        }
        return out;
    }

    /** Ganeti's findAllocation: allocation inside group {@code gdx} only. */
    public static AllocSolution findAllocation(Ctx ctx, List<Group> gl, Node[] nl, List<Instance> il, int gdx,
            Instance inst, int count) throws HtoolsException {
        Group g = gl.get(gdx);
        if (!hasRequiredNetworks(ctx, g, inst)) {
            throw new HtoolsException("The group " + g.name + " is not connected to a network required by instance "
                    + inst.name);
        }
        int[] scope = Groups.groupNodes(nl, gdx);
        AllocSolution sol = tryAlloc(ctx, nl, scope, il, inst, allocNodes(ctx, gl, nl, scope, count));
        sol.log = describe(new GroupResult(g, sol, null));
        return sol;
    }

    /** Ganeti's findBestAllocGroup; returns the chosen group's solution with all messages as its log. */
    static GroupResult findBestAllocGroup(Ctx ctx, List<Group> gl, Node[] nl, List<Instance> il,
            List<Integer> allowed, Instance inst, int count, List<String> allMsgsOut) throws HtoolsException {
        Map<Integer, int[]> byGroup = Groups.nodesByGroup(nl);
        List<Integer> groups = new ArrayList<>();
        for (int g : byGroup.keySet()) {
            if (allowed == null || allowed.contains(g)) {
                groups.add(g);
            }
        }
        List<String> filterMsgs = new ArrayList<>();
        List<Integer> valid = new ArrayList<>();
        for (int g : groups) {
            if (hasRequiredNetworks(ctx, gl.get(g), inst)) {
                valid.add(g);
            } else {
                filterMsgs.add("group " + gl.get(g).name + " is not connected to a network required by instance "
                        + inst.name);
            }
        }
        List<GroupResult> results = new ArrayList<>();
        for (int g : valid) {
            try {
                Allocator.AllocNodes an = allocNodes(ctx, gl, nl, byGroup.get(g), count);
                results.add(new GroupResult(gl.get(g), tryAlloc(ctx, nl, null, il, inst, an), null));
            } catch (HtoolsException e) {
                results.add(new GroupResult(gl.get(g), null, e.getMessage()));
            }
        }
        List<String> allMsgs = new ArrayList<>(filterMsgs);
        results.forEach(r -> allMsgs.addAll(describe(r)));
        List<GroupResult> good = new ArrayList<>();
        for (GroupResult r : results) {
            if (r.sol() != null && r.sol().best != null && r.group().isAllocable()) {
                good.add(0, r);
            }
        }
        good.sort(Comparator.comparing((GroupResult r) -> r.group().allocPolicy)
                .thenComparing(r -> r.sol().best.score()));
        if (good.isEmpty()) {
            if (groups.isEmpty()) {
                throw new HtoolsException("no groups for evacuation: allowed groups was "
                        + (allowed == null ? "Nothing" : "Just " + allowed.toString().replace(" ", ""))
                        + ", all groups: [" + String.join(",", byGroup.keySet().stream()
                                .map(g -> ClusterShow.group(gl.get(g))).toList()) + "]");
            }
            throw new HtoolsException(String.join(", ", allMsgs));
        }
        allMsgsOut.addAll(allMsgs);
        return good.get(0);
    }

    /** Ganeti's tryMGAlloc. */
    public static AllocSolution tryMGAlloc(Ctx ctx, List<Group> gl, Node[] nl, List<Instance> il, Instance inst,
            int count) throws HtoolsException {
        List<String> msgs = new ArrayList<>();
        GroupResult best = findBestAllocGroup(ctx, gl, nl, il, null, inst, count, msgs);
        AllocSolution sol = best.sol();
        List<String> log = new ArrayList<>();
        log.add("Selected group: " + best.group().name);
        log.addAll(msgs);
        sol.log = log;
        return sol;
    }

    /** Ganeti's tryGroupAlloc: allocation in the named group. */
    public static AllocSolution tryGroupAlloc(Ctx ctx, List<Group> gl, Node[] nl, List<Instance> il, String gname,
            Instance inst, int count) throws HtoolsException {
        Group g = null;
        int n = 0;
        for (Group x : gl) {
            if (x.name.equals(gname) || x.uuid.equals(gname)) {
                g = x;
                n++;
            }
        }
        if (n != 1) {
            throw new HtoolsException("Wrong number of elems found with name " + gname);
        }
        return findAllocation(ctx, gl, nl, il, g.idx, inst, count);
    }
}
