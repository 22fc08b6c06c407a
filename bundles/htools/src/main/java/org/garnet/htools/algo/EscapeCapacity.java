package org.garnet.htools.algo;

import java.util.HashMap;
import java.util.Map;

import org.garnet.htools.model.IPolicy;
import org.garnet.htools.model.Node;

/**
 * Free capacity of each group's escape nodes, to decide a node's re-creations without placing them one by one.
 *
 * <p>Ganeti re-creates a node's instances one at a time on the best-scoring escape node that passes the forced
 * (hard) checks: memory above zero, disk above zero. Those checks only add up, so a node that can take {@code j}
 * instances of the largest demand takes any {@code j} of the instances, whichever nodes the scoring chose for the
 * others. If the escape nodes' such slots add up to the number of instances, every step finds a node: the
 * evacuation succeeds, whatever the scores. If their free memory or disk together is less than the instances'
 * total, it fails. Only between the two bounds are the instances placed as Ganeti does. The bounds need one policy
 * for the whole group and no exclusive storage; otherwise every case is placed.
 */
final class EscapeCapacity {
    /** Decided: the evacuation succeeds / fails; or it has to be placed. */
    enum Verdict { OK, FAIL, PLACE }

    private record Key(int group, int mem, int dsk, boolean disk) {
    }

    private final Node[] nl;
    private final int[] scope;
    private final EscapeCapacity base;
    private final int[] changed;
    private final Map<Integer, int[]> groupNodes;
    private final Map<Integer, java.util.Optional<IPolicy>> uniform = new HashMap<>();
    private final Map<Key, Long> slotSums = new HashMap<>();
    private final Map<Integer, long[]> capSums = new HashMap<>();

    /** The capacity of {@code nl}'s nodes in {@code scope} (null = all). */
    EscapeCapacity(Node[] nl, int[] scope) {
        this(nl, scope, null, null, groupNodes(nl, scope));
    }

    private EscapeCapacity(Node[] nl, int[] scope, EscapeCapacity base, int[] changed, Map<Integer, int[]> gn) {
        this.nl = nl;
        this.scope = scope;
        this.base = base;
        this.changed = changed;
        this.groupNodes = gn;
    }

    /** The same node set after the nodes at {@code changedIdx} were replaced (as in {@code nl2}). */
    EscapeCapacity after(Node[] nl2, int[] changedIdx) {
        return new EscapeCapacity(nl2, scope, this, changedIdx, groupNodes);
    }

    private static Map<Integer, int[]> groupNodes(Node[] nl, int[] scope) {
        Map<Integer, java.util.List<Integer>> m = new HashMap<>();
        for (Node x : nl) {
            if (GlobalN1.inScope(scope, x.idx)) {
                m.computeIfAbsent(x.group, g -> new java.util.ArrayList<>()).add(x.idx);
            }
        }
        Map<Integer, int[]> r = new HashMap<>();
        m.forEach((g, l) -> r.put(g, l.stream().mapToInt(Integer::intValue).toArray()));
        return r;
    }

    /** The group's one policy when all its nodes share it without exclusive storage, else null. */
    private IPolicy uniformPolicy(int g) {
        if (base != null) {
            return base.uniformPolicy(g);
        }
        return uniform.computeIfAbsent(g, k -> {
            IPolicy p = null;
            for (int i : groupNodes.get(k)) {
                Node x = nl[i];
                if (x.exclStorage || (p != null && !p.equals(x.iPolicy))) {
                    return java.util.Optional.empty();
                }
                p = x.iPolicy;
            }
            return java.util.Optional.ofNullable(p);
        }).orElse(null);
    }

    private long slotSum(Key k) {
        Long v = slotSums.get(k);
        if (v != null) {
            return v;
        }
        long s = 0;
        if (base != null) {
            s = base.slotSum(k);
            for (int c : changed) {
                if (inGroup(c, k.group())) {
                    s += EvacPlan.slots(nl[c], k.mem(), k.dsk(), k.disk())
                            - EvacPlan.slots(base.nl[c], k.mem(), k.dsk(), k.disk());
                }
            }
        } else {
            for (int i : groupNodes.get(k.group())) {
                s += EvacPlan.slots(nl[i], k.mem(), k.dsk(), k.disk());
            }
        }
        slotSums.put(k, s);
        return s;
    }

    /** Free memory and disk the group's nodes can take in total under the hard checks. */
    private long[] capSum(int g) {
        long[] v = capSums.get(g);
        if (v != null) {
            return v;
        }
        long[] s = new long[2];
        if (base != null) {
            long[] b = base.capSum(g);
            s[0] = b[0];
            s[1] = b[1];
            for (int c : changed) {
                if (inGroup(c, g)) {
                    s[0] += memCap(nl[c]) - memCap(base.nl[c]);
                    s[1] += dskCap(nl[c]) - dskCap(base.nl[c]);
                }
            }
        } else {
            for (int i : groupNodes.get(g)) {
                s[0] += memCap(nl[i]);
                s[1] += dskCap(nl[i]);
            }
        }
        capSums.put(g, s);
        return s;
    }

    private boolean inGroup(int c, int g) {
        return c >= 0 && nl[c].group == g && GlobalN1.inScope(scope, c);
    }

    private static long memCap(Node m) {
        return Math.max(0, EvacPlan.hardFreeMem(m) - 1);
    }

    private static long dskCap(Node m) {
        return Math.max(0, m.fDsk - 1);
    }

    /** Whether node {@code n} (in scope, with a re-creation-only plan) can be evacuated, if the bounds decide it. */
    Verdict verdict(Node n, EvacPlan plan) {
        int g = n.group;
        if (!plan.slotable || !groupNodes.containsKey(g) || !GlobalN1.inScope(scope, n.idx)) {
            return Verdict.PLACE;
        }
        IPolicy p = uniformPolicy(g);
        if (p == null || !p.equals(n.iPolicy)) {
            return Verdict.PLACE;
        }
        Key k = new Key(g, plan.maxMem, plan.maxDsk, plan.usesDisk);
        long escape = slotSum(k) - EvacPlan.slots(n, plan.maxMem, plan.maxDsk, plan.usesDisk);
        if (escape >= plan.count) {
            return Verdict.OK;
        }
        long[] caps = capSum(g);
        if (caps[0] - memCap(n) < plan.totMem || (plan.usesDisk && caps[1] - dskCap(n) < plan.totDsk)) {
            return Verdict.FAIL;
        }
        return Verdict.PLACE;
    }
}
