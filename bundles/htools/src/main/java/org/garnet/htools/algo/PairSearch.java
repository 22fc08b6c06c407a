package org.garnet.htools.algo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/**
 * Exact fast search of the best primary/secondary pair. A pair's score depends only on the metric values of the
 * primary before/after and of the secondary before/after, so secondaries with bitwise identical values form a class
 * scored once per primary class; secondaries that already hold DRBD peers of the primary are scored individually.
 * Ties are resolved as Ganeti does (the last primary, then the last secondary, among equal scores).
 */
final class PairSearch {
    private PairSearch() {
    }

    /** Location tags and exclusion maps make scores depend on node identity: use the plain search then. */
    static boolean applicable(Node[] nl) {
        for (Node n : nl) {
            if (!n.locationTags.isEmpty() || !n.instanceMap.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Cache key of a secondary holding peers of the primary: primary class, secondary class, peer memory. */
    private record ExcKey(int pclass, int sclass, int peer, long[] raw, int rawHash) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ExcKey k && k.pclass == pclass && k.sclass == sclass && k.peer == peer
                    && k.rawHash == rawHash && Arrays.equals(k.raw, raw);
        }

        @Override
        public int hashCode() {
            return ((pclass * 31 + sclass) * 31 + peer) * 31 + rawHash;
        }
    }

    static void run(AlgOptions opts, Metrics.Stats stats, Node[] nl, List<Instance> il, Instance inst,
            Allocator.AllocNodes an, Allocator.Solution sol) {
        int n = nl.length;
        PairFacts[] facts = new PairFacts[n];
        int[] cls = new int[n];
        Arrays.fill(cls, -1);
        Instance probe = inst.copy();
        probe.locationScore = 0;
        boolean[] cand = an.inPairs(n);
        PairFacts.PolicyCache policies = new PairFacts.PolicyCache();
        Map<PairFacts.ValueKey, Integer> classIds = new HashMap<>();
        List<List<Integer>> members = new ArrayList<>();
        Map<Integer, List<Integer>> groupClasses = new HashMap<>();
        for (int s = 0; s < n; s++) {
            if (!cand[s]) {
                continue;
            }
            PairFacts f = PairFacts.of(nl[s], probe, opts.ignoreSoftErrors, policies);
            facts[s] = f;
            Integer id = classIds.get(f.secClass);
            if (id == null) {
                id = members.size();
                classIds.put(f.secClass, id);
                members.add(new ArrayList<>());
                groupClasses.computeIfAbsent(nl[s].group, g -> new ArrayList<>()).add(id);
            }
            members.get(id).add(s);
            cls[s] = id;
        }
        Map<PairFacts.ValueKey, Integer> pClassIds = new HashMap<>();
        List<Metrics.Stats> pStats = new ArrayList<>();
        List<double[]> scoreCache = new ArrayList<>();
        boolean[] isExc = new boolean[n];
        int[] excList = new int[n];
        int[] excPerClass = new int[members.size()];
        Map<ExcKey, double[]> excCache = new HashMap<>();
        double[] b1 = new double[Metrics.COUNT];
        double[] b2 = new double[Metrics.COUNT];
        int winP = -1;
        int winS = -1;
        int winPid = -1;
        boolean winExc = false;
        double winScore = 0;
        for (int[] pair : an.pairs) {
            int p = pair[0];
            Node tp = nl[p];
            PairFacts fp = facts[p];
            if (fp.priFail != null) {
                sol.addFail(fp.priFail, pair.length - 1);
                continue;
            }
            Integer pid = pClassIds.get(fp.priClass);
            if (pid == null) {
                pid = pClassIds.size();
                pClassIds.put(fp.priClass, pid);
                Metrics.Stats st = stats.copy();
                st.update(tp, fp.np, b1, b2);
                pStats.add(st);
                double[] pc = new double[members.size()];
                Arrays.fill(pc, Double.NaN);
                scoreCache.add(pc);
            }
            Metrics.Stats pst = pStats.get(pid);
            int ne = 0;
            for (int k = 0; k < tp.pList.size(); k++) {
                Instance x = il.get(tp.pList.get(k));
                ne = addExc(nl, cand, tp, p, x.sNode, isExc, excList, ne, excPerClass, cls);
            }
            for (int k = 0; k < tp.pListForth.size(); k++) {
                int ix = tp.pListForth.get(k);
                if (ix < il.size()) {
                    ne = addExc(nl, cand, tp, p, il.get(ix).sNode, isExc, excList, ne, excPerClass, cls);
                }
            }
            double bestScore = 0;
            int bestS = -1;
            double[] pcache = scoreCache.get(pid);
            for (int c : groupClasses.getOrDefault(tp.group, List.of())) {
                List<Integer> m = members.get(c);
                int valid = m.size() - excPerClass[c];
                if (cls[p] == c) {
                    valid--;
                }
                if (valid <= 0) {
                    continue;
                }
                PairFacts rep = facts[m.get(0)];
                if (rep.sec0.failed()) {
                    sol.addFail(rep.sec0.fail, valid);
                    continue;
                }
                sol.allocs += valid;
                int pick = -1;
                for (int j = m.size() - 1; j >= 0; j--) {
                    int s = m.get(j);
                    if (s != p && !isExc[s]) {
                        pick = s;
                        break;
                    }
                }
                double sc = pcache[c];
                if (Double.isNaN(sc)) {
                    PairFacts f = facts[pick];
                    sc = Metrics.scoreAfter(pst, nl[pick], f.sec0, f.vOld, f.vSec0);
                    pcache[c] = sc;
                }
                if (bestS < 0 || sc < bestScore || (sc == bestScore && pick > bestS)) {
                    bestScore = sc;
                    bestS = pick;
                }
            }
            boolean bestIsExc = false;
            for (int q = 0; q < ne; q++) {
                int e = excList[q];
                int peer = nl[e].peers.find(p);
                PairFacts fe = facts[e];
                ExcKey ek = new ExcKey(pid, cls[e], peer, fe.secKey, fe.secKeyHash);
                double[] res = excCache.get(ek);
                if (res == null) {
                    Node ns = nl[e].addSec(probe, p);
                    if (ns.failed()) {
                        res = new double[] {1, ns.fail.ordinal()};
                    } else {
                        Metrics.nodeValues(ns, b2);
                        res = new double[] {0, Metrics.scoreAfter(pst, nl[e], ns, fe.vOld, b2)};
                    }
                    excCache.put(ek, res);
                }
                if (res[0] == 1) {
                    sol.addFail(org.garnet.htools.model.FailMode.values()[(int) res[1]], 1);
                    continue;
                }
                sol.allocs++;
                double sc = res[1];
                if (bestS < 0 || sc < bestScore || (sc == bestScore && e > bestS)) {
                    bestScore = sc;
                    bestS = e;
                    bestIsExc = true;
                }
            }
            for (int q = 0; q < ne; q++) {
                isExc[excList[q]] = false;
                excPerClass[cls[excList[q]]]--;
            }
            if (bestS < 0) {
                continue;
            }
            if (winP < 0 || !(winScore < bestScore)) {
                winP = p;
                winS = bestS;
                winPid = pid;
                winExc = bestIsExc;
                winScore = bestScore;
            }
        }
        if (winP < 0) {
            return;
        }
        // the chosen placement, built afresh with the new instance's index
        Allocator.PrimaryState ps = new Allocator.PrimaryState();
        ps.ni = inst.copy();
        ps.ni.locationScore = 0;
        ps.ni.pNode = winP;
        ps.np = nl[winP].addPriEx(opts.ignoreSoftErrors, ps.ni);
        ps.st = pStats.get(winPid);
        Allocator.Element win;
        if (winExc) {
            double[][] vOld = new double[n][];
            vOld[winS] = facts[winS].vOld;
            win = Allocator.onPairFast(ps, nl, vOld, new Node[n], new double[n][], inst, winP, winS, b1);
        } else {
            Node ns = nl[winS].addSecNoPeer(probe).withPeer(winP, ps.ni.usesSecMem() ? ps.ni.mem : 0);
            win = new Allocator.Element(winP, winS, ps.np, ns, ps.ni.withSecondary(winS), winScore);
        }
        if (sol.best == null || !(sol.best.score < win.score)) {
            sol.best = win;
        }
    }

    /** Marks {@code s} as a secondary holding DRBD peers of primary {@code p} (scored on its own); the new count. */
    private static int addExc(Node[] nl, boolean[] cand, Node tp, int p, int s, boolean[] isExc, int[] excList,
            int ne, int[] excPerClass, int[] cls) {
        if (s >= 0 && s != p && cand[s] && !isExc[s] && nl[s].group == tp.group && nl[s].peers.find(p) != 0) {
            isExc[s] = true;
            excList[ne] = s;
            excPerClass[cls[s]]++;
            return ne + 1;
        }
        return ne;
    }
}
