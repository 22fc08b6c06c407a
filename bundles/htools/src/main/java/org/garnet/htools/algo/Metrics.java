package org.garnet.htools.algo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.garnet.htools.model.Fmt;
import org.garnet.htools.model.Node;

/**
 * Ganeti's cluster score: 20 weighted statistics over the nodes (standard deviations over online nodes, sums, and
 * one map statistic for location exclusions). {@link Stats} supports Ganeti's incremental update.
 */
public final class Metrics {
    public static final int COUNT = 20;
    public static final double[] WEIGHTS = {0.5, 0.5, 1, 1, 4, 16, 0.5, 1, 1, 1, 1, 2, 0.5, 0.5, 0.5, 0.5, 0.5, 1, 1,
        0.25};
    public static final String[] NAMES = {"free_mem_cv", "free_disk_cv", "n1_cnt", "reserved_mem_cv",
        "offline_all_cnt", "offline_pri_cnt", "vcpu_ratio_cv", "cpu_load_cv", "mem_load_cv", "disk_load_cv",
        "net_load_cv", "pri_tags_score", "spindles_cv", "free_mem_cv_forth", "free_disk_cv_forth",
        "vcpu_ratio_cv_forth", "spindles_cv_forth", "location_score", "location_exclusion_score",
        "reserved_mem_rtotal"};
    /** 0 = standard deviation, 1 = sum, 2 = map statistic. */
    public static final int[] KIND = {0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 2, 1};
    /** Whether the statistic is over online (true) or offline (false) nodes. */
    public static final boolean[] ONLINE = {true, true, true, true, false, false, true, true, true, true, true, true, true,
        true, true, true, true, true, true, true};
    static final int MAP = 18;

    private Metrics() {
    }

    /** The per-node values (index 18, the map statistic, is left 0). */
    public static void nodeValues(Node n, double[] v) {
        v[0] = n.pMem;
        v[1] = n.pDsk;
        v[2] = n.failN1 ? n.sList.size() + n.pList.size() : 0;
        v[3] = n.pRem;
        double ipri = n.pList.size();
        double isec = n.sList.size();
        v[4] = ipri + isec;
        v[5] = ipri;
        v[6] = n.pCpuEff();
        v[7] = n.utilLoad[0] / n.utilPool[0];
        v[8] = n.utilLoad[1] / n.utilPool[1];
        v[9] = n.utilLoad[2] / n.utilPool[2];
        v[10] = n.utilLoad[3] / n.utilPool[3];
        v[11] = n.conflictingPrimaries();
        v[12] = n.instSpindles / n.hiSpindles;
        v[13] = n.pMemForth;
        v[14] = n.pDskForth;
        v[15] = n.pCpuEffForth();
        v[16] = n.instSpindlesForth / n.hiSpindles;
        v[17] = n.locationScore;
        v[18] = 0;
        v[19] = n.pRem;
    }

    /** Aggregated statistics of a node list. */
    public static final class Stats {
        final double[] n = new double[COUNT];
        final double[] s = new double[COUNT];
        final double[] var = new double[COUNT];
        Map<String, Integer> map = new HashMap<>();
        /** Ganeti computes no statistics at all when there is no online node. */
        boolean empty;

        public Stats copy() {
            Stats c = new Stats();
            c.empty = empty;
            System.arraycopy(n, 0, c.n, 0, COUNT);
            System.arraycopy(s, 0, c.s, 0, COUNT);
            System.arraycopy(var, 0, c.var, 0, COUNT);
            c.map = map;
            return c;
        }

        public double value(int k) {
            switch (KIND[k]) {
                case 0:
                    return Math.sqrt(var[k]);
                case 1:
                    return s[k];
                default:
                    int sum = 0;
                    for (int x : map.values()) {
                        sum += x;
                    }
                    return sum - map.size();
            }
        }

        public double score() {
            double r = 0;
            if (empty) {
                return 0;
            }
            for (int k = 0; k < COUNT; k++) {
                r += WEIGHTS[k] * value(k);
            }
            return r;
        }

        /** Ganeti's updateClusterStatistics for one node changing from {@code old} to {@code nw}. */
        public void update(Node old, Node nw, double[] bufOld, double[] bufNew) {
            nodeValues(old, bufOld);
            nodeValues(nw, bufNew);
            boolean online = !old.offline;
            for (int k = 0; k < COUNT; k++) {
                if (ONLINE[k] != online) {
                    continue;
                }
                double x = bufOld[k];
                double y = bufNew[k];
                switch (KIND[k]) {
                    case 1 -> s[k] = s[k] + (y - x);
                    case 0 -> {
                        double ds = y - x;
                        double dss = y * y - x * x;
                        double dnnvar = (n[k] * dss - 2 * s[k] * ds) - ds * ds;
                        s[k] = s[k] + ds;
                        var[k] = Math.max(0, var[k] + dnnvar / (n[k] * n[k]));
                    }
                    default -> {
                        if (old.instanceMap.isEmpty() && nw.instanceMap.isEmpty()) {
                            break;
                        }
                        // Haskell's unionWith (-): keys only in the old node's map are added, not subtracted
                        Map<String, Integer> m = new HashMap<>(map);
                        old.instanceMap.forEach((key, val) -> m.merge(key, val, (a, b) -> a - b));
                        nw.instanceMap.forEach((key, val) -> m.merge(key, val, Integer::sum));
                        map = m;
                    }
                }
            }
        }
    }

    /**
     * The score after {@code update(old, new)} without modifying the statistics; {@code vo}/{@code vn} are the
     * node values of old and new ({@link #nodeValues}).
     */
    static double scoreAfter(Stats st, Node old, Node nw, double[] vo, double[] vn) {
        if (st.empty) {
            return 0;
        }
        boolean online = !old.offline;
        double r = 0;
        for (int k = 0; k < COUNT; k++) {
            double v;
            if (ONLINE[k] != online || KIND[k] == 2) {
                if (KIND[k] == 2 && ONLINE[k] == online
                        && !(old.instanceMap.isEmpty() && nw.instanceMap.isEmpty())) {
                    Stats c = st.copy();
                    c.update(old, nw, vo.clone(), vn.clone());
                    v = c.value(k);
                } else {
                    v = st.value(k);
                }
            } else if (KIND[k] == 1) {
                v = st.s[k] + (vn[k] - vo[k]);
            } else {
                double x = vo[k];
                double y = vn[k];
                double n = st.n[k];
                double ds = y - x;
                double dss = y * y - x * x;
                double dnnvar = (n * dss - 2 * st.s[k] * ds) - ds * ds;
                v = Math.sqrt(Math.max(0, st.var[k] + dnnvar / (n * n)));
            }
            r += WEIGHTS[k] * v;
        }
        return r;
    }

    /**
     * Cached node values of a node list, to score many single-node replacements exactly as a full recomputation
     * (Ganeti's compCV after allocateOnSingle) without recomputing every node's values.
     */
    public static final class Baseline {
        final Node[] nl;
        final int[] scope;
        final double[][] vals;
        final boolean[] offline;
        final boolean noMaps;

        public Baseline(Node[] nl, int[] scope) {
            this.nl = nl;
            this.scope = scope;
            int cnt = scope == null ? nl.length : scope.length;
            vals = new double[cnt][COUNT];
            offline = new boolean[cnt];
            boolean nm = true;
            for (int i = 0; i < cnt; i++) {
                Node n = nl[scope == null ? i : scope[i]];
                nodeValues(n, vals[i]);
                offline[i] = n.offline;
                nm &= n.instanceMap.isEmpty();
            }
            noMaps = nm;
        }

        /** Exact score with node {@code idx} replaced by {@code nw} (same offline state). */
        public double scoreWith(int idx, Node nw) {
            int pos = scope == null ? idx : java.util.Arrays.binarySearch(scope, idx);
            if (!noMaps || !nw.instanceMap.isEmpty() || pos < 0 || nw.offline != offline[pos]) {
                Node old = nl[idx];
                nl[idx] = nw;
                double r = compCV(nl, scope);
                nl[idx] = old;
                return r;
            }
            int cnt = vals.length;
            boolean anyOnline = false;
            for (boolean o : offline) {
                anyOnline |= !o;
            }
            if (!anyOnline) {
                return 0;
            }
            double[] nv = new double[COUNT];
            nodeValues(nw, nv);
            double[] old = vals[pos];
            vals[pos] = nv;
            double r = 0;
            for (int k = 0; k < COUNT; k++) {
                boolean want = ONLINE[k];
                double v;
                if (KIND[k] == 2) {
                    v = 0;
                } else {
                    double nt = 0;
                    double sum = 0;
                    for (int i = 0; i < cnt; i++) {
                        if (offline[i] != want) {
                            nt += 1;
                            sum += vals[i][k];
                        }
                    }
                    if (KIND[k] == 1) {
                        v = sum;
                    } else {
                        double mean = sum / nt;
                        double nvar = 0;
                        for (int i = 0; i < cnt; i++) {
                            if (offline[i] != want) {
                                double d = vals[i][k] - mean;
                                nvar += d * d;
                            }
                        }
                        v = Math.sqrt(nvar / nt);
                    }
                }
                r += WEIGHTS[k] * v;
            }
            vals[pos] = old;
            return r;
        }
    }

    /** Full computation over the nodes in index order (Ganeti's compClusterStatistics). */
    public static Stats compute(List<Node> nodes) {
        Stats st = new Stats();
        int cnt = nodes.size();
        Node[] arr = nodes.toArray(new Node[0]);
        boolean[] off = new boolean[cnt];
        boolean allOffline = true;
        // column per metric: each metric's folds below run over the nodes in index order, as Ganeti's do
        double[][] cols = new double[COUNT][cnt];
        double[] buf = new double[COUNT];
        for (int i = 0; i < cnt; i++) {
            off[i] = arr[i].offline;
            allOffline &= off[i];
            nodeValues(arr[i], buf);
            for (int k = 0; k < COUNT; k++) {
                cols[k][i] = buf[k];
            }
        }
        st.empty = allOffline;
        for (int k = 0; k < COUNT; k++) {
            boolean wantOnline = ONLINE[k];
            if (KIND[k] == 2) {
                Map<String, Integer> m = new HashMap<>();
                for (int i = 0; i < cnt; i++) {
                    if (off[i] != wantOnline && !arr[i].instanceMap.isEmpty()) {
                        arr[i].instanceMap.forEach((key, val) -> m.merge(key, val, Integer::sum));
                    }
                }
                st.map = m;
                continue;
            }
            double[] col = cols[k];
            double nt = 0;
            double s = 0;
            for (int i = 0; i < cnt; i++) {
                if (off[i] != wantOnline) {
                    nt += 1;
                    s += col[i];
                }
            }
            st.n[k] = nt;
            st.s[k] = s;
            if (KIND[k] == 0) {
                double mean = s / nt;
                double nvar = 0;
                for (int i = 0; i < cnt; i++) {
                    if (off[i] != wantOnline) {
                        double d = col[i] - mean;
                        nvar += d * d;
                    }
                }
                st.var[k] = nvar / nt;
            }
        }
        return st;
    }

    public static double compCV(List<Node> nodes) {
        return compute(nodes).score();
    }

    /** Score of the nodes of {@code nl} listed in {@code scope} (ascending indices; null = all). */
    public static double compCV(Node[] nl, int[] scope) {
        return compute(view(nl, scope)).score();
    }

    public static Stats compute(Node[] nl, int[] scope) {
        return compute(view(nl, scope));
    }

    static List<Node> view(Node[] nl, int[] scope) {
        if (scope == null) {
            return java.util.Arrays.asList(nl);
        }
        return new java.util.AbstractList<Node>() {
            @Override
            public Node get(int i) {
                return nl[scope[i]];
            }

            @Override
            public int size() {
                return scope.length;
            }
        };
    }

    /** The "Field Value Weight" table (hinfo, hbal -v -v -v). */
    public static String printStats(String lp, List<Node> nodes) {
        Stats st = compute(nodes);
        List<String[]> rows = new java.util.ArrayList<>();
        for (int k = 0; k < (st.empty ? 0 : COUNT); k++) {
            rows.add(new String[] {NAMES[k], Fmt.fixed(st.value(k), 8), "x" + Fmt.fixed(WEIGHTS[k], 2)});
        }
        return Table.print(lp, new String[] {"Field", "Value", "Weight"}, rows, new boolean[] {false, true, true});
    }

    /** Ganeti's optimalCVScore lower bound. */
    public static double optimalCVScore(List<Node> nodes) {
        if (nodes.size() <= 1) {
            return 0;
        }
        double total = 0;
        double max = Double.NEGATIVE_INFINITY;
        long drbd = 0;
        for (Node n : nodes) {
            total += n.tMem;
            max = Math.max(max, n.tMem);
            drbd += n.peers.sumElems();
        }
        double less = total - max;
        if (less <= 0) {
            return 0;
        }
        return 0.25 * (drbd / less - drbd / total);
    }
}
