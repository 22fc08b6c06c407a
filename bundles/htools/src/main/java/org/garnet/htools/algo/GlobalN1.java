package org.garnet.htools.algo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.garnet.htools.model.DiskTemplate;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/** Global N+1 redundancy: can every node be evacuated (failovers, shared-storage moves, re-creations)? */
public final class GlobalN1 {
    private GlobalN1() {
    }

    /** Decide from memoised outcomes and capacity bounds where they apply (off only to compare with the placing). */
    static volatile boolean shortcuts = !"0".equals(System.getenv("GARNET_HTOOLS_N1_SHORTCUTS"));

    /**
     * Whether node {@code n} can be evacuated. {@code nl}/{@code il} are not modified; {@code scope} is the node
     * list Ganeti would score re-creations against (null = all nodes).
     */
    public static boolean canEvacuateNode(Node[] nl, List<Instance> il, int[] scope, Node n) {
        return canEvacuateNode(nl, il, scope, n, shortcuts ? new EscapeCapacity(nl, scope) : null);
    }

    /**
     * The same, deciding where it can without placing: a DRBD-only node's outcome is reused while the nodes its
     * failovers read are the same objects; a re-creation-only node is decided by {@code cap}'s bounds when they
     * settle it (null = always place).
     */
    static boolean canEvacuateNode(Node[] nl, List<Instance> il, int[] scope, Node n, EscapeCapacity cap) {
        if (cap == null) {
            return placeAll(nl, il, scope, n);
        }
        EvacPlan plan = EvacPlan.of(n, il);
        if (plan.drbdOnly()) {
            Boolean known = plan.knownOutcome(nl);
            if (known != null) {
                return known;
            }
            boolean ok = placeAll(nl, il, scope, n);
            plan.remember(nl, ok);
            return ok;
        }
        if (plan.recreateOnly()) {
            EscapeCapacity.Verdict v = cap.verdict(n, plan);
            if (v != EscapeCapacity.Verdict.PLACE) {
                return v == EscapeCapacity.Verdict.OK;
            }
        }
        return placeAll(nl, il, scope, n);
    }

    /** Ganeti's evacuation, step by step: failovers, shared-storage moves, then re-creations by score. */
    private static boolean placeAll(Node[] nlIn, List<Instance> ilIn, int[] scope, Node n) {
        Node[] nl = nlIn.clone();
        List<Instance> il = new ArrayList<>(ilIn);
        List<Integer> drbd = new ArrayList<>();
        List<Integer> shared = new ArrayList<>();
        List<Integer> nonMove = new ArrayList<>();
        for (int k = 0; k < n.pList.size(); k++) {
            int idx = n.pList.get(k);
            DiskTemplate dt = il.get(idx).diskTemplate;
            if (dt == DiskTemplate.DRBD) {
                drbd.add(idx);
            } else if (dt.movable) {
                shared.add(idx);
            } else {
                nonMove.add(idx);
            }
        }
        for (int idx : drbd) {
            Instance ni = Moves.failover(nl, il.get(idx), true);
            if (ni == null) {
                return false;
            }
            il.set(idx, ni);
        }
        List<Integer> escape = new ArrayList<>();
        List<Integer> grpNodes = new ArrayList<>();
        for (Node x : nl) {
            if (x.group == n.group && inScope(scope, x.idx)) {
                grpNodes.add(x.idx);
                if (x.idx != n.idx) {
                    escape.add(x.idx);
                }
            }
        }
        int[] grpScope = grpNodes.stream().mapToInt(Integer::intValue).toArray();
        for (int idx : shared) {
            Instance inst = il.get(idx);
            Node[] best = null;
            Instance bestInst = null;
            double bestCv = 0;
            for (int ndx : escape) {
                Node[] trial = nl.clone();
                Instance ni = Moves.failoverToAny(trial, inst, ndx, true);
                if (ni == null) {
                    continue;
                }
                double cv = Metrics.compCV(trial, grpScope);
                if (best == null || !(bestCv < cv)) {
                    best = trial;
                    bestInst = ni;
                    bestCv = cv;
                }
            }
            if (best == null) {
                return false;
            }
            nl = best;
            il.set(idx, bestInst);
        }
        List<Instance> recreate = new ArrayList<>();
        for (int idx : nonMove) {
            recreate.add(il.get(idx));
        }
        recreate.sort(Comparator.comparingInt((Instance i) -> i.mem).reversed());
        for (Instance inst : recreate) {
            Allocator.Element e = Allocator.bestSingle(nl, scope, inst, escape, true);
            if (e == null) {
                return false;
            }
            Instance ni = e.inst.copy();
            ni.idx = il.size();
            il.add(ni);
            nl[e.pdx] = e.newP;
        }
        return true;
    }

    static boolean inScope(int[] scope, int idx) {
        if (scope == null) {
            return true;
        }
        return java.util.Arrays.binarySearch(scope, idx) >= 0;
    }

    /** Whether node {@code n} is one Ganeti's redundant checks (online with accept-existing, group not ignored). */
    static boolean checked(AlgOptions opts, int[] scope, Node n) {
        return inScope(scope, n.idx) && !(opts.acceptExisting && n.offline)
                && !opts.capacityIgnoreGroups.contains(n.group);
    }

    /** Ganeti's redundant: all (online, with accept-existing) nodes outside the ignored groups are evacuable. */
    public static boolean redundant(AlgOptions opts, Node[] nl, List<Instance> il, int[] scope) {
        EscapeCapacity cap = shortcuts ? new EscapeCapacity(nl, scope) : null;
        for (Node n : nl) {
            if (checked(opts, scope, n) && !canEvacuateNode(nl, il, scope, n, cap)) {
                return false;
            }
        }
        return true;
    }
}
