package org.garnet.htools.algo;

import java.util.ArrayList;
import java.util.List;

import org.garnet.htools.model.FailMode;
import org.garnet.htools.model.Group;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/** Placement of one new instance (Ganeti's tryAlloc with allocateOnSingle / allocateOnPair). */
public final class Allocator {
    /** The exact class-based pair search can be switched off (GARNET_HTOOLS_PAIRSEARCH=0) for comparisons. */
    private static final boolean PAIR_SEARCH = !"0".equals(System.getenv("GARNET_HTOOLS_PAIRSEARCH"));

    private Allocator() {
    }

    /** One candidate placement: the changed nodes, the placed instance and the resulting score. */
    public static final class Element {
        public final int pdx;
        public final int sdx;
        public final Node newP;
        public final Node newS;
        public final Instance inst;
        public final double score;

        public Element(int pdx, int sdx, Node newP, Node newS, Instance inst, double score) {
            this.pdx = pdx;
            this.sdx = sdx;
            this.newP = newP;
            this.newS = newS;
            this.inst = inst;
            this.score = score;
        }

        /** The cluster after this placement, the new instance recorded under index {@code newIdx}. */
        Node[] applyAs(Node[] nl, int newIdx) {
            Node[] r = apply(nl);
            r[pdx] = fixIndex(r[pdx], newIdx);
            if (sdx >= 0) {
                r[sdx] = fixIndex(r[sdx], newIdx);
            }
            return r;
        }

        /** The placed instance under index {@code newIdx}. */
        Instance instAs(int newIdx) {
            Instance ni = inst.copy();
            ni.idx = newIdx;
            return ni;
        }

        /** Applies the placement to a copy of {@code nl}. */
        public Node[] apply(Node[] nl) {
            Node[] r = nl.clone();
            r[pdx] = newP;
            if (sdx >= 0) {
                r[sdx] = newS;
            }
            return r;
        }
    }

    /** Result of trying all candidates: failure reasons, success count, best placement, log lines. */
    public static final class Solution {
        /** Failure counts per {@link FailMode} ordinal. */
        public final int[] failCount = new int[FailMode.values().length];

        void addFail(FailMode f, int n) {
            failCount[f.ordinal()] += n;
        }
        public int allocs;
        public Element best;
        public final List<String> log = new ArrayList<>();
    }

    /** Target nodes: single nodes (for one-node templates) or primaries with their possible secondaries. */
    public static final class AllocNodes {
        public final int[] singles;
        public final int[][] pairs;

        private boolean[] inPairs;

        public AllocNodes(int[] singles, int[][] pairs) {
            this.singles = singles;
            this.pairs = pairs;
        }

        /** Whether each node index (below {@code n}) is named by some pair, primary or secondary. */
        boolean[] inPairs(int n) {
            boolean[] r = inPairs;
            if (r == null || r.length != n) {
                r = new boolean[n];
                for (int[] pair : pairs) {
                    for (int s : pair) {
                        r[s] = true;
                    }
                }
                inPairs = r;
            }
            return r;
        }
    }

    /** Ganeti's genAllocNodes (online nodes, optionally only of allocable groups). */
    public static AllocNodes genAllocNodes(List<Group> gl, Node[] nl, int[] scope, int count, boolean dropUnalloc) {
        List<Node> all = new ArrayList<>();
        for (Node n : nl) {
            if (n.offline || !GlobalN1.inScope(scope, n.idx)) {
                continue;
            }
            if (dropUnalloc && !gl.get(n.group).isAllocable()) {
                continue;
            }
            all.add(n);
        }
        if (count == 1) {
            return new AllocNodes(all.stream().mapToInt(n -> n.idx).toArray(), null);
        }
        List<int[]> pairs = new ArrayList<>();
        for (Node p : all) {
            List<Integer> ss = new ArrayList<>();
            ss.add(p.idx);
            for (Node s : all) {
                if (s.idx != p.idx && s.group == p.group) {
                    ss.add(s.idx);
                }
            }
            if (ss.size() > 1) {
                pairs.add(ss.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return new AllocNodes(null, pairs.toArray(new int[0][]));
    }

    /**
     * Every target as the sole node of {@code inst} (Ganeti's allocateOnSingle): per target, why it fails, or the
     * placement with its exact score (all scored in one batch); the last failure is left in {@link Moves#lastFail}.
     */
    static Element[] singles(Node[] nl, int[] scope, Instance inst, int[] targets, boolean ignoreSoft,
            FailMode[] fails) {
        int m = targets.length;
        int[] okIdx = new int[m];
        Node[] okNodes = new Node[m];
        int nok = 0;
        for (int j = 0; j < m; j++) {
            Node p = nl[targets[j]];
            FailMode pf = Policy.instMatchesPolicy(inst, p.iPolicy, p.exclStorage);
            Node np = pf == null ? p.addPriEx(ignoreSoft, inst) : null;
            if (pf == null && np.failed()) {
                pf = np.fail;
            }
            if (pf != null) {
                fails[j] = pf;
                Moves.lastFail = pf;
                continue;
            }
            okIdx[nok] = targets[j];
            okNodes[nok] = np;
            nok++;
        }
        double[] scores = BatchScore.scoreMany(new Metrics.Baseline(nl, scope), java.util.Arrays.copyOf(okIdx, nok),
                java.util.Arrays.copyOf(okNodes, nok));
        Element[] placed = new Element[m];
        for (int j = 0, q = 0; j < m; j++) {
            if (fails[j] == null) {
                Instance ni = inst.copy();
                ni.pNode = okIdx[q];
                ni.sNode = -1;
                placed[j] = new Element(okIdx[q], -1, okNodes[q], null, ni, scores[q]);
                q++;
            }
        }
        return placed;
    }

    /** The best single-node placement over {@code targets} with soft errors ignored (re-creation), or null. */
    static Element bestSingle(Node[] nl, int[] scope, Instance inst, List<Integer> targets, boolean force) {
        int[] t = targets.stream().mapToInt(Integer::intValue).toArray();
        Element[] placed = singles(nl, scope, inst, t, force, new FailMode[t.length]);
        // Ganeti's list is newest first and the first strictly smaller score wins
        Element best = null;
        for (int q = placed.length - 1; q >= 0; q--) {
            if (placed[q] != null && (best == null || placed[q].score < best.score)) {
                best = placed[q];
            }
        }
        return best;
    }

    /** Per-primary precomputation for pair placements (valid when no location tags are involved). */
    static final class PrimaryState {
        Node np;
        Instance ni;
        Metrics.Stats st;
        FailMode fail;
    }

    static Element onPairFast(PrimaryState ps, Node[] nl, double[][] vOld, Node[] sec0, double[][] vSec0,
            Instance inst, int pdx, int sdx, double[] buf) {
        if (ps.fail != null) {
            Moves.lastFail = ps.fail;
            return null;
        }
        Node ts = nl[sdx];
        Node ns;
        double[] vn;
        if (ts.peers.find(pdx) == 0 && sec0[sdx] != null) {
            ns = sec0[sdx];
            vn = vSec0[sdx];
        } else {
            ns = ts.addSec(ps.ni, pdx);
            if (ns.failed()) {
                Moves.lastFail = ns.fail;
                return null;
            }
            Metrics.nodeValues(ns, buf);
            vn = buf;
        }
        if (ns.failed()) {
            Moves.lastFail = ns.fail;
            return null;
        }
        if (ns == sec0[sdx]) {
            ns = ns.withPeer(pdx, ps.ni.usesSecMem() ? ps.ni.mem : 0);
        }
        return new Element(pdx, sdx, ps.np, ns, ps.ni.withSecondary(sdx),
                Metrics.scoreAfter(ps.st, ts, ns, vOld[sdx], vn));
    }

    private static Element onPair(AlgOptions opts, Metrics.Stats stats, Node[] nl, Instance inst, int pdx, int sdx,
            double[] b1, double[] b2) {
        Node tp = nl[pdx];
        Node ts = nl[sdx];
        FailMode pf = Policy.instMatchesPolicy(inst, tp.iPolicy, tp.exclStorage);
        if (pf != null) {
            Moves.lastFail = pf;
            return null;
        }
        Instance ni = inst.copy();
        int common = 0;
        for (String t : tp.locationTags) {
            if (ts.locationTags.contains(t)) {
                common++;
            }
        }
        ni.locationScore = common;
        ni.pNode = pdx;
        ni.sNode = sdx;
        Node np = tp.addPriEx(opts.ignoreSoftErrors, ni);
        if (np.failed()) {
            Moves.lastFail = np.fail;
            return null;
        }
        Node ns = ts.addSec(ni, pdx);
        if (ns.failed()) {
            Moves.lastFail = ns.fail;
            return null;
        }
        Metrics.Stats st = stats.copy();
        st.update(tp, np, b1, b2);
        st.update(ts, ns, b1, b2);
        return new Element(pdx, sdx, np, ns, ni, st.score());
    }

    private static Node fixIndex(Node n, int newIdx) {
        Node c = n.copy();
        c.pList = n.pList.map(i -> i < 0 ? newIdx : i);
        c.sList = n.sList.map(i -> i < 0 ? newIdx : i);
        return c;
    }

    /** Predicate of the capacity (global N+1) check on a candidate placement. */
    interface Pred {
        boolean ok(Element e);
    }

    /** Sorts a collection (newest first, stable by score) and drops the leading entries failing the predicate. */
    private static void collectionToSolution(Solution into, List<Element> newestFirst, List<FailMode> fails,
            Pred pred) {
        List<Element> sorted = new ArrayList<>(newestFirst);
        sorted.sort((a, b) -> Double.compare(a.score, b.score) == 0 ? 0 : a.score < b.score ? -1 : 1);
        int dropped = 0;
        Element good = null;
        for (Element e : sorted) {
            if (pred == null || pred.ok(e)) {
                good = e;
                break;
            }
            dropped++;
        }
        if (good == null) {
            dropped = sorted.size();
        }
        for (int k = 0; k < dropped; k++) {
            into.addFail(FailMode.FailN1, 1);
        }
        for (FailMode f : fails) {
            into.addFail(f, 1);
        }
        into.allocs += newestFirst.size() - dropped;
        if (good != null && (into.best == null || !(into.best.score < good.score))) {
            into.best = good;
        }
    }

    /** The global N+1 check of candidate placements on {@code nl} (Ganeti's allocGlobalN1). */
    static Pred capacityCheck(AlgOptions opts, Node[] nl, int[] scope, List<Instance> il) {
        if (!GlobalN1.shortcuts) {
            return e -> {
                List<Instance> il2 = new ArrayList<>(il);
                il2.add(e.instAs(il.size()));
                return GlobalN1.redundant(opts, e.applyAs(nl, il.size()), il2, scope);
            };
        }
        N1Candidates[] checker = new N1Candidates[1];
        return e -> {
            if (checker[0] == null) {
                checker[0] = new N1Candidates(opts, nl, il, scope);
            }
            return checker[0].ok(e);
        };
    }

    /**
     * Ganeti's tryAlloc over {@code nl} (scored over {@code scope}, null = all). Throws when there are no target
     * nodes at all.
     */
    public static Solution tryAlloc(AlgOptions opts, Node[] nl, int[] scope, List<Instance> il, Instance inst,
            AllocNodes an) throws AllocException {
        Solution sol = new Solution();
        Pred pred = opts.capacity ? capacityCheck(opts, nl, scope, il) : null;
        if (an.pairs != null) {
            if (an.pairs.length == 0) {
                throw new AllocException("Not enough online nodes");
            }
            Metrics.Stats stats = Metrics.compute(nl, scope);
            if (pred == null && PAIR_SEARCH && PairSearch.applicable(nl)) {
                PairSearch.run(opts, stats, nl, il, inst, an, sol);
                return sol;
            }
            double[] b1 = new double[Metrics.COUNT];
            double[] b2 = new double[Metrics.COUNT];
            boolean fast = true;
            for (Node n : nl) {
                fast &= n.locationTags.isEmpty();
            }
            double[][] vOld = new double[nl.length][];
            Node[] sec0 = new Node[nl.length];
            double[][] vSec0 = new double[nl.length][];
            if (fast) {
                Instance probe = inst.copy();
                probe.locationScore = 0;
                // every node of a pair, secondaries included: a caller's own pair lists (allocate-secondary)
                // may name secondaries that are nobody's primary
                boolean[] named = an.inPairs(nl.length);
                for (int s0 = 0; s0 < nl.length; s0++) {
                    if (named[s0]) {
                        vOld[s0] = new double[Metrics.COUNT];
                        Metrics.nodeValues(nl[s0], vOld[s0]);
                        Node ns = nl[s0].addSecNoPeer(probe);
                        sec0[s0] = ns;
                        if (!ns.failed()) {
                            vSec0[s0] = new double[Metrics.COUNT];
                            Metrics.nodeValues(ns, vSec0[s0]);
                        }
                    }
                }
            }
            for (int[] pair : an.pairs) {
                int p = pair[0];
                List<Element> coll = new ArrayList<>();
                List<FailMode> fails = new ArrayList<>();
                PrimaryState ps = null;
                if (fast) {
                    ps = new PrimaryState();
                    Node tp = nl[p];
                    FailMode pf = Policy.instMatchesPolicy(inst, tp.iPolicy, tp.exclStorage);
                    if (pf != null) {
                        ps.fail = pf;
                    } else {
                        ps.ni = inst.copy();
                        ps.ni.locationScore = 0;
                        ps.ni.pNode = p;
                        Node np = tp.addPriEx(opts.ignoreSoftErrors, ps.ni);
                        if (np.failed()) {
                            ps.fail = np.fail;
                        } else {
                            ps.np = np;
                            ps.st = stats.copy();
                            ps.st.update(tp, np, b1, b2);
                        }
                    }
                }
                for (int k = 1; k < pair.length; k++) {
                    Element e = fast ? onPairFast(ps, nl, vOld, sec0, vSec0, inst, p, pair[k], b1)
                            : onPair(opts, stats, nl, inst, p, pair[k], b1, b2);
                    if (e == null) {
                        fails.add(Moves.lastFail);
                    } else {
                        coll.add(e);
                    }
                }
                java.util.Collections.reverse(coll);
                collectionToSolution(sol, coll, fails, pred);
            }
        } else {
            if (an.singles.length == 0) {
                throw new AllocException("No online nodes");
            }
            List<Element> coll = new ArrayList<>();
            List<FailMode> fails = new ArrayList<>();
            FailMode[] fm = new FailMode[an.singles.length];
            Element[] placed = singles(nl, scope, inst, an.singles, opts.ignoreSoftErrors, fm);
            for (int j = 0; j < placed.length; j++) {
                if (fm[j] != null) {
                    fails.add(fm[j]);
                } else {
                    coll.add(placed[j]);
                }
            }
            java.util.Collections.reverse(coll);
            collectionToSolution(sol, coll, fails, pred);
        }
        return sol;
    }

    /** Allocation impossible for structural reasons (no nodes). */
    public static final class AllocException extends Exception {
        private static final long serialVersionUID = 1L;

        public AllocException(String m) {
            super(m);
        }
    }
}
