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

    /** Bitwise key of metric value vectors (plus small integer discriminators). */
    private record Key(long[] bits) {
        static Key of(int a, int b, int c, double[] v1, double[] v2) {
            int len = 3 + v1.length + (v2 == null ? 0 : v2.length);
            long[] k = new long[len];
            k[0] = a;
            k[1] = b;
            k[2] = c;
            for (int i = 0; i < v1.length; i++) {
                k[3 + i] = Double.doubleToRawLongBits(v1[i]);
            }
            if (v2 != null) {
                for (int i = 0; i < v2.length; i++) {
                    k[3 + v1.length + i] = Double.doubleToRawLongBits(v2[i]);
                }
            }
            return new Key(k);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bits, k.bits);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bits);
        }
    }

    /** Cache key of a secondary holding peers of the primary: primary class, secondary class, peer memory. */
    private record ExcKey(int pclass, int sclass, int peer, long[] raw) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ExcKey k && k.pclass == pclass && k.sclass == sclass && k.peer == peer
                    && Arrays.equals(k.raw, raw);
        }

        @Override
        public int hashCode() {
            return ((pclass * 31 + sclass) * 31 + peer) * 31 + Arrays.hashCode(raw);
        }
    }

    static void run(AlgOptions opts, Metrics.Stats stats, Node[] nl, List<Instance> il, Instance inst,
            Allocator.AllocNodes an, Allocator.Solution sol) {
        int n = nl.length;
        double[][] vOld = new double[n][];
        Node[] sec0 = new Node[n];
        double[][] vSec0 = new double[n][];
        int[] cls = new int[n];
        Arrays.fill(cls, -1);
        Instance probe = inst.copy();
        probe.locationScore = 0;
        boolean[] cand = an.inPairs(n);
        Map<Key, Integer> classIds = new HashMap<>();
        List<List<Integer>> members = new ArrayList<>();
        Map<Integer, List<Integer>> groupClasses = new HashMap<>();
        for (int s = 0; s < n; s++) {
            if (!cand[s]) {
                continue;
            }
            vOld[s] = new double[Metrics.COUNT];
            Metrics.nodeValues(nl[s], vOld[s]);
            Node ns = nl[s].addSecNoPeer(probe);
            sec0[s] = ns;
            if (!ns.failed()) {
                vSec0[s] = new double[Metrics.COUNT];
                Metrics.nodeValues(ns, vSec0[s]);
            }
            Key k = Key.of(nl[s].group, nl[s].offline ? 1 : 0, ns.failed() ? ns.fail.ordinal() : -1, vOld[s],
                    vSec0[s]);
            Integer id = classIds.get(k);
            if (id == null) {
                id = members.size();
                classIds.put(k, id);
                members.add(new ArrayList<>());
                groupClasses.computeIfAbsent(nl[s].group, g -> new ArrayList<>()).add(id);
            }
            members.get(id).add(s);
            cls[s] = id;
        }
        Map<Key, Integer> pClassIds = new HashMap<>();
        List<Metrics.Stats> pStats = new ArrayList<>();
        List<double[]> scoreCache = new ArrayList<>();
        boolean[] isExc = new boolean[n];
        int[] excList = new int[n];
        int[] excPerClass = new int[members.size()];
        Map<ExcKey, double[]> excCache = new HashMap<>();
        double[] b1 = new double[Metrics.COUNT];
        double[] b2 = new double[Metrics.COUNT];
        double[] vNp = new double[Metrics.COUNT];
        Allocator.PrimaryState winPs = null;
        int winP = -1;
        int winS = -1;
        boolean winExc = false;
        double winScore = 0;
        for (int[] pair : an.pairs) {
            int p = pair[0];
            Node tp = nl[p];
            Allocator.PrimaryState ps = new Allocator.PrimaryState();
            org.garnet.htools.model.FailMode pf = Policy.instMatchesPolicy(inst, tp.iPolicy, tp.exclStorage);
            if (pf == null) {
                ps.ni = inst.copy();
                ps.ni.locationScore = 0;
                ps.ni.pNode = p;
                Node np = tp.addPriEx(opts.ignoreSoftErrors, ps.ni);
                if (np.failed()) {
                    pf = np.fail;
                } else {
                    ps.np = np;
                }
            }
            if (pf != null) {
                sol.addFail(pf, pair.length - 1);
                continue;
            }
            Metrics.nodeValues(ps.np, vNp);
            Key pk = Key.of(tp.offline ? 1 : 0, tp.instanceMap.isEmpty() ? 0 : 1, 0, vOld[p], vNp);
            Integer pid = pClassIds.get(pk);
            if (pid == null) {
                pid = pClassIds.size();
                pClassIds.put(pk, pid);
                Metrics.Stats st = stats.copy();
                st.update(tp, ps.np, b1, b2);
                pStats.add(st);
                double[] pc = new double[members.size()];
                Arrays.fill(pc, Double.NaN);
                scoreCache.add(pc);
            }
            ps.st = pStats.get(pid);
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
            for (int c : groupClasses.getOrDefault(tp.group, List.of())) {
                List<Integer> m = members.get(c);
                int valid = m.size() - excPerClass[c];
                if (cls[p] == c) {
                    valid--;
                }
                if (valid <= 0) {
                    continue;
                }
                int rep = m.get(0);
                if (sec0[rep].failed()) {
                    sol.addFail(sec0[rep].fail, valid);
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
                double[] pcache = scoreCache.get(pid);
                double sc = pcache[c];
                if (Double.isNaN(sc)) {
                    sc = Metrics.scoreAfter(ps.st, nl[pick], sec0[pick], vOld[pick], vSec0[pick]);
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
                ExcKey ek = new ExcKey(pid, cls[e], peer, nl[e].secondaryKey());
                double[] res = excCache.get(ek);
                if (res == null) {
                    Node ns = nl[e].addSec(ps.ni, p);
                    if (ns.failed()) {
                        res = new double[] {1, ns.fail.ordinal()};
                    } else {
                        Metrics.nodeValues(ns, b2);
                        res = new double[] {0, Metrics.scoreAfter(ps.st, nl[e], ns, vOld[e], b2)};
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
            if (winPs == null || !(winScore < bestScore)) {
                winPs = ps;
                winP = p;
                winS = bestS;
                winExc = bestIsExc;
                winScore = bestScore;
            }
        }
        if (winPs == null) {
            return;
        }
        Allocator.Element win;
        if (winExc) {
            win = Allocator.onPairFast(winPs, nl, vOld, sec0, vSec0, inst, winP, winS, b1);
        } else {
            Node ns = sec0[winS].withPeer(winP, winPs.ni.usesSecMem() ? winPs.ni.mem : 0);
            win = new Allocator.Element(winP, winS, winPs.np, ns, winPs.ni.withSecondary(winS), winScore);
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
