package org.garnet.htools.algo;

import java.util.ArrayList;
import java.util.List;

import org.garnet.htools.model.DiskTemplate;
import org.garnet.htools.model.IdxList;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/**
 * What evacuating one node object involves, for the global N+1 check: its primaries split as Ganeti splits them
 * (DRBD failovers, shared-storage moves, re-creations), and the hard demand of the re-creations. Nodes are never
 * changed once built (changes make copies), so the plan is kept on the node object and reused while the instance
 * list still holds the same instance objects at the same indices.
 */
final class EvacPlan {
    private final IdxList pList;
    private final Instance[] insts;
    final int[] drbd;
    final int[] shared;
    final int[] nonMove;
    /** Nodes a DRBD-only evacuation reads: the node itself and the secondaries of its primaries. */
    final int[] deps;
    /** Re-creations without forthcoming instances, all within this node's own policy: the slot bound applies. */
    final boolean slotable;
    /** Number of re-created instances, their largest memory and disk demand, whether any uses local disk. */
    final int count;
    final int maxMem;
    final int maxDsk;
    final boolean usesDisk;
    final long totMem;
    final long totDsk;
    /** The last DRBD-only outcome with the dependency nodes it was computed on. */
    private volatile Outcome outcome;

    private record Outcome(Node[] depNodes, boolean ok) {
    }

    private EvacPlan(Node n, List<Instance> il) {
        pList = n.pList;
        int k = pList.size();
        insts = new Instance[k];
        List<Integer> d = new ArrayList<>();
        List<Integer> sh = new ArrayList<>();
        List<Integer> nm = new ArrayList<>();
        List<Integer> dep = new ArrayList<>();
        dep.add(n.idx);
        boolean slot = !n.exclStorage;
        int cnt = 0;
        int mMem = 0;
        int mDsk = 0;
        boolean disk = false;
        long tMem = 0;
        long tDsk = 0;
        for (int j = 0; j < k; j++) {
            int idx = pList.get(j);
            Instance inst = il.get(idx);
            insts[j] = inst;
            DiskTemplate dt = inst.diskTemplate;
            if (dt == DiskTemplate.DRBD) {
                d.add(idx);
                if (inst.sNode >= 0 && !dep.contains(inst.sNode)) {
                    dep.add(inst.sNode);
                }
            } else if (dt.movable) {
                sh.add(idx);
            } else {
                nm.add(idx);
                if (inst.forthcoming || Policy.instMatchesPolicy(inst, n.iPolicy, n.exclStorage) != null) {
                    slot = false;
                }
                cnt++;
                int mem = inst.usesMemory() ? inst.mem : 0;
                int dsk = inst.usesLocalStorage() ? inst.dsk : 0;
                disk |= inst.usesLocalStorage();
                mMem = Math.max(mMem, mem);
                mDsk = Math.max(mDsk, dsk);
                tMem += mem;
                tDsk += dsk;
            }
        }
        drbd = toArray(d);
        shared = toArray(sh);
        nonMove = toArray(nm);
        deps = toArray(dep);
        slotable = slot;
        count = cnt;
        maxMem = mMem;
        maxDsk = mDsk;
        usesDisk = disk;
        totMem = tMem;
        totDsk = tDsk;
    }

    private static int[] toArray(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The plan of {@code n} against {@code il}, reused from the node when still valid. */
    static EvacPlan of(Node n, List<Instance> il) {
        NodeMemo m = NodeMemo.of(n);
        EvacPlan p = m.evac;
        if (p != null && p.validFor(n, il)) {
            return p;
        }
        p = new EvacPlan(n, il);
        m.evac = p;
        return p;
    }

    private boolean validFor(Node n, List<Instance> il) {
        if (n.pList != pList) {
            return false;
        }
        for (int j = 0; j < insts.length; j++) {
            int idx = pList.get(j);
            if (idx >= il.size() || il.get(idx) != insts[j]) {
                return false;
            }
        }
        return true;
    }

    /** Only DRBD primaries (or none): the evacuation reads nothing but {@link #deps}. */
    boolean drbdOnly() {
        return shared.length == 0 && nonMove.length == 0;
    }

    /** Only re-creations: the outcome can often be decided from the escape nodes' free capacity alone. */
    boolean recreateOnly() {
        return drbd.length == 0 && shared.length == 0 && nonMove.length > 0;
    }

    /** The memoised DRBD-only outcome on {@code nl}, or null when a dependency node changed since. */
    Boolean knownOutcome(Node[] nl) {
        Outcome o = outcome;
        if (o == null) {
            return null;
        }
        for (int j = 0; j < deps.length; j++) {
            if (nl[deps[j]] != o.depNodes[j]) {
                return null;
            }
        }
        return o.ok;
    }

    void remember(Node[] nl, boolean ok) {
        Node[] dn = new Node[deps.length];
        for (int j = 0; j < deps.length; j++) {
            dn[j] = nl[deps[j]];
        }
        outcome = new Outcome(dn, ok);
    }

    /** Free memory as the hard (forced) memory check counts it: a placement must leave it above zero. */
    static int hardFreeMem(Node m) {
        return (int) m.tMem - m.nMem - m.iMem - Math.max(0, m.xMem);
    }

    /**
     * How many re-created instances of demand at most ({@code mem}, {@code dsk}) node {@code m} accepts under the
     * forced checks, whatever else it was given among them.
     */
    static long slots(Node m, int mem, int dsk, boolean disk) {
        int free = hardFreeMem(m);
        if (free <= 0 || (disk && m.fDsk <= 0)) {
            return 0;
        }
        long j = Integer.MAX_VALUE;
        if (mem > 0) {
            j = Math.min(j, (free - 1) / mem);
        }
        if (disk && dsk > 0) {
            j = Math.min(j, (m.fDsk - 1) / dsk);
        }
        return j;
    }
}
