package org.garnet.htools.hail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.garnet.htools.algo.AlgOptions;
import org.garnet.htools.algo.Metrics;
import org.garnet.htools.iallocator.Request.EvacMode;
import org.garnet.htools.model.DiskTemplate;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/** Node evacuation (Ganeti's tryNodeEvac / nodeEvacInstance). */
public final class Evacuate {
    private Evacuate() {
    }

    /** Ganeti's nodesToEvacuate. */
    static TreeSet<Integer> nodesToEvacuate(List<Instance> il, EvacMode mode, List<Integer> idxs) {
        TreeSet<Integer> ns = new TreeSet<>();
        for (int idx : idxs) {
            Instance i = il.get(idx);
            boolean sec = i.diskTemplate == DiskTemplate.DRBD;
            if (mode != EvacMode.CHANGE_SECONDARY) {
                ns.add(i.pNode);
            }
            if (mode != EvacMode.CHANGE_PRIMARY && sec) {
                ns.add(i.sNode);
            }
        }
        ns.remove(-1);
        return ns;
    }

    /** Ganeti's availableGroupNodes. */
    static int[] availableGroupNodes(Map<Integer, int[]> groupNodes, TreeSet<Integer> excl, int gdx)
            throws HtoolsException {
        int[] local = groupNodes.get(gdx);
        if (local == null) {
            throw new HtoolsException("Can't find group with index " + gdx);
        }
        return java.util.Arrays.stream(local).filter(n -> !excl.contains(n)).toArray();
    }

    static TreeSet<Integer> offline(Node[] nl) {
        TreeSet<Integer> r = new TreeSet<>();
        for (Node n : nl) {
            if (n.offline) {
                r.add(n.idx);
            }
        }
        return r;
    }

    /** Ganeti's tryNodeEvac. */
    public static EvacSolution tryNodeEvac(AlgOptions opts, Node[] iniNl, List<Instance> iniIl, EvacMode mode,
            List<Integer> idxs) {
        TreeSet<Integer> excl = nodesToEvacuate(iniIl, mode, idxs);
        excl.addAll(offline(iniNl));
        Map<Integer, int[]> groupNodes = Groups.nodesByGroup(iniNl);
        EvacSolution es = new EvacSolution(iniNl, iniIl);
        for (int idx : idxs) {
            Instance inst = iniIl.get(idx);
            int gdx = es.nl[inst.pNode].group;
            TreeSet<Integer> ex = new TreeSet<>(excl);
            ex.add(inst.pNode);
            try {
                int[] avail = availableGroupNodes(groupNodes, ex, gdx);
                es.update(idx, nodeEvacInstance(opts, es.nl, es.il, mode, inst, gdx, avail), null);
            } catch (HtoolsException e) {
                es.update(idx, null, e.getMessage());
            }
        }
        return es;
    }

    /** Ganeti's nodeEvacInstance. */
    static EvacSolution.Step nodeEvacInstance(AlgOptions opts, Node[] nl, List<Instance> il, EvacMode mode,
            Instance inst, int gdx, int[] avail) throws HtoolsException {
        DiskTemplate dt = inst.diskTemplate;
        if (dt == DiskTemplate.PLAIN || dt == DiskTemplate.FILE) {
            throw new HtoolsException("Instances of type " + dt.raw + " cannot be relocated");
        }
        if (dt != DiskTemplate.DRBD) {
            if (mode == EvacMode.CHANGE_SECONDARY) {
                throw new HtoolsException("Instances with disk template '" + dt.raw
                        + "' can't execute change secondary");
            }
            return evacOneNodeOnly(opts, nl, il, inst, gdx, avail);
        }
        switch (mode) {
            case CHANGE_PRIMARY: {
                Node[] nl2 = nl.clone();
                Instance ni = EvacMoves.failover(opts.ignoreSoftErrors, nl2, inst);
                if (ni == null) {
                    throw new HtoolsException(EvacMoves.lastFail.name());
                }
                List<Instance> il2 = new ArrayList<>(il);
                il2.set(inst.idx, ni);
                return new EvacSolution.Step(nl2, il2, List.of(OpCodes.failover(ni.name, ni.forthcoming, null)));
            }
            case CHANGE_SECONDARY:
                return evacOneNodeOnly(opts, nl, il, inst, gdx, avail);
            default:
                return evacDrbdAll(opts, nl, il, inst, gdx, avail);
        }
    }

    static double groupCV(Node[] nl, int gdx) {
        return Metrics.compCV(nl, Groups.groupNodes(nl, gdx));
    }

    /** Ganeti's evacOneNodeOnly: the best new secondary (DRBD) or new primary (shared storage). */
    static EvacSolution.Step evacOneNodeOnly(AlgOptions opts, Node[] nl, List<Instance> il, Instance inst, int gdx,
            int[] avail) throws HtoolsException {
        boolean drbd = inst.diskTemplate.mirror == DiskTemplate.Mirror.INTERNAL;
        if (inst.diskTemplate.mirror == DiskTemplate.Mirror.NONE) {
            throw new HtoolsException("Can't relocate/evacuate non-mirrored instances");
        }
        StringBuilder fails = new StringBuilder();
        Node[] bestNl = null;
        Instance bestInst = null;
        double bestCv = 0;
        int bestNdx = -1;
        for (int ndx : avail) {
            Node[] nl2 = nl.clone();
            Instance ni = drbd ? EvacMoves.replaceSecondary(opts.ignoreSoftErrors, nl2, inst, ndx)
                    : EvacMoves.failoverToAny(opts.ignoreSoftErrors, nl2, inst, ndx);
            if (ni == null) {
                if (bestNl == null) {
                    fails.append(" Node ").append(nl[ndx].name).append(" failed: ").append(EvacMoves.lastFail.name())
                            .append(';');
                }
                continue;
            }
            double cv = groupCV(nl2, gdx);
            if (bestNl == null || !(bestCv < cv)) {
                bestNl = nl2;
                bestInst = ni;
                bestCv = cv;
                bestNdx = ndx;
            }
        }
        if (bestNl == null) {
            throw new HtoolsException("Can't find any good node: " + fails);
        }
        List<Instance> il2 = new ArrayList<>(il);
        il2.set(inst.idx, bestInst);
        String target = bestNl[bestNdx].name;
        Map<String, Object> op = drbd ? OpCodes.replaceSecondary(bestInst.name, target)
                : OpCodes.failover(bestInst.name, bestInst.forthcoming, target);
        return new EvacSolution.Step(bestNl, il2, List.of(op));
    }

    /** One candidate of the change-all evacuation of a DRBD instance. */
    private record AllInner(Node[] nl, Instance inst, List<Map<String, Object>> ops, double cv) {
    }

    private static String fm() {
        return EvacMoves.lastFail.name();
    }

    /** Ganeti's evacDrbdAllInner: (failover), replace-secondary to tPdx, failover, replace-secondary to tSdx. */
    private static AllInner evacDrbdAllInner(AlgOptions opts, Node[] nlIn, Instance inst, int gdx, int tPdx,
            int tSdx) throws HtoolsException {
        boolean force = opts.ignoreSoftErrors;
        Node[] nl = nlIn.clone();
        List<Map<String, Object>> ops = new ArrayList<>();
        Instance cur = inst;
        if (nl[inst.pNode].offline) {
            cur = EvacMoves.failover(force, nl, cur);
            if (cur == null) {
                throw new HtoolsException("Failing over to the secondary: " + fm());
            }
            ops.add(OpCodes.failover(inst.name, inst.forthcoming, null));
        }
        cur = EvacMoves.replaceSecondary(force, nl, cur, tPdx);
        if (cur == null) {
            throw new HtoolsException("Changing secondary to new primary: " + fm());
        }
        ops.add(OpCodes.replaceSecondary(inst.name, nl[tPdx].name));
        cur = EvacMoves.failover(force, nl, cur);
        if (cur == null) {
            throw new HtoolsException("Failing over to new primary: " + fm());
        }
        ops.add(OpCodes.failover(inst.name, inst.forthcoming, null));
        cur = EvacMoves.replaceSecondary(force, nl, cur, tSdx);
        if (cur == null) {
            throw new HtoolsException("Changing secondary to final secondary: " + fm());
        }
        ops.add(OpCodes.replaceSecondary(inst.name, nl[tSdx].name));
        return new AllInner(nl, cur, ops, groupCV(nl, gdx));
    }

    /** Ganeti's ChangeAll evacuation of a DRBD instance over all (primary, secondary) pairs. */
    static EvacSolution.Step evacDrbdAll(AlgOptions opts, Node[] nl, List<Instance> il, Instance inst, int gdx,
            int[] avail) throws HtoolsException {
        String leftMsg = "no nodes available";
        AllInner best = null;
        for (int p : avail) {
            for (int s : avail) {
                if (p == s) {
                    continue;
                }
                try {
                    AllInner r = evacDrbdAllInner(opts, nl, inst, gdx, p, s);
                    if (best == null || !(best.cv() < r.cv())) {
                        best = r;
                    }
                } catch (HtoolsException e) {
                    if (best == null) {
                        leftMsg = "Allocation failed: " + e.getMessage();
                    }
                }
            }
        }
        if (best == null) {
            throw new HtoolsException("Can't find any good nodes for relocation: " + leftMsg);
        }
        List<Instance> il2 = new ArrayList<>(il);
        il2.set(inst.idx, best.inst());
        return new EvacSolution.Step(best.nl(), il2, best.ops());
    }
}
