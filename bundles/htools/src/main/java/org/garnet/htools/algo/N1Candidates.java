package org.garnet.htools.algo;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/**
 * The global N+1 check of many candidate placements on one cluster state (Ganeti's allocGlobalN1 per candidate).
 * A candidate changes one or two nodes; a node whose evacuation is only DRBD failovers reads just itself and its
 * primaries' secondaries, so its outcome on the base state stands unless one of those nodes changed. The changed
 * nodes, the nodes reading them, and every node with other kinds of evacuation are checked on the candidate state;
 * the answer is the one {@link GlobalN1#redundant} gives on it.
 */
final class N1Candidates {
    private final AlgOptions opts;
    private final Node[] nl;
    private final List<Instance> il;
    private final int[] scope;
    private final EscapeCapacity cap;
    /** Checked DRBD-only nodes that fail on the base state. */
    private final List<Integer> failingLocal = new ArrayList<>();
    /** Checked nodes whose evacuation is more than DRBD failovers. */
    private final int[] global;
    /** For each node index, the checked DRBD-only nodes whose failovers read it. */
    private final List<List<Integer>> readers = new ArrayList<>();

    N1Candidates(AlgOptions opts, Node[] nl, List<Instance> il, int[] scope) {
        this.opts = opts;
        this.nl = nl;
        this.il = il;
        this.scope = scope;
        this.cap = new EscapeCapacity(nl, scope);
        for (int i = 0; i < nl.length; i++) {
            readers.add(new ArrayList<>());
        }
        List<Integer> glob = new ArrayList<>();
        for (Node n : nl) {
            if (!GlobalN1.checked(opts, scope, n)) {
                continue;
            }
            EvacPlan plan = EvacPlan.of(n, il);
            if (!plan.drbdOnly()) {
                glob.add(n.idx);
                continue;
            }
            for (int d : plan.deps) {
                readers.get(d).add(n.idx);
            }
            if (!GlobalN1.canEvacuateNode(nl, il, scope, n, cap)) {
                failingLocal.add(n.idx);
            }
        }
        global = glob.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Whether placing {@code e} (as the next instance index) leaves the cluster globally N+1 redundant. */
    boolean ok(Allocator.Element e) {
        List<Instance> il2 = appended(il, e.instAs(il.size()));
        Node[] nl2 = e.applyAs(nl, il.size());
        int[] changed = e.sdx >= 0 ? new int[] {e.pdx, e.sdx} : new int[] {e.pdx};
        for (int f : failingLocal) {
            if (!readsAny(f, changed)) {
                return false;
            }
        }
        EscapeCapacity cap2 = cap.after(nl2, changed);
        for (int c : changed) {
            if (GlobalN1.checked(opts, scope, nl2[c]) && !GlobalN1.canEvacuateNode(nl2, il2, scope, nl2[c], cap2)) {
                return false;
            }
        }
        for (int c : changed) {
            for (int r : readers.get(c)) {
                if (!isChanged(r, changed) && !GlobalN1.canEvacuateNode(nl2, il2, scope, nl2[r], cap2)) {
                    return false;
                }
            }
        }
        for (int g : global) {
            if (!isChanged(g, changed) && !GlobalN1.canEvacuateNode(nl2, il2, scope, nl2[g], cap2)) {
                return false;
            }
        }
        return true;
    }

    private boolean readsAny(int node, int[] changed) {
        for (int c : changed) {
            if (c == node || readers.get(c).contains(node)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isChanged(int i, int[] changed) {
        for (int c : changed) {
            if (c == i) {
                return true;
            }
        }
        return false;
    }

    /** {@code base} with {@code last} appended, without copying. */
    static List<Instance> appended(List<Instance> base, Instance last) {
        return new AbstractList<>() {
            @Override
            public Instance get(int i) {
                return i == base.size() ? last : base.get(i);
            }

            @Override
            public int size() {
                return base.size() + 1;
            }
        };
    }
}
