package org.garnet.htools.algo;

import static org.garnet.htools.algo.Metrics.COUNT;
import static org.garnet.htools.algo.Metrics.KIND;
import static org.garnet.htools.algo.Metrics.ONLINE;
import static org.garnet.htools.algo.Metrics.WEIGHTS;
import static org.garnet.htools.algo.Metrics.nodeValues;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.garnet.htools.algo.Metrics.Baseline;
import org.garnet.htools.model.Fmt;
import org.garnet.htools.model.Node;

/**
 * Batched exact scoring for allocation: the scores of many single-node replacements of one {@link Metrics.Baseline},
 * bitwise equal to scoring each with {@link Metrics.Baseline#scoreWith}, in one pass per metric.
 */
final class BatchScore {
    private BatchScore() {
    }

    /**
     * Exact scores of many single-node replacements, bitwise identical to {@link Baseline#scoreWith} for each
     * candidate, without a full pass over the nodes per candidate: per metric, candidates with identical old and new
     * values share prefix folds, and the fold of one candidate is cut short as soon as its running state equals
     * (bitwise) the state of a later candidate of the same kind at that candidate's position (from there on, both
     * folds see the same values, so the results are equal).
     */
    static double[] scoreMany(Baseline b, int[] idxs, Node[] nws) {
        int m = idxs.length;
        double[] res = new double[m];
        int cnt = b.vals.length;
        int[] pos = new int[m];
        double[][] nv = new double[m][];
        int[] fast = new int[m];
        int nf = 0;
        for (int j = 0; j < m; j++) {
            Node nw = nws[j];
            int p = b.scope == null ? idxs[j] : java.util.Arrays.binarySearch(b.scope, idxs[j]);
            if (!b.noMaps || !nw.instanceMap.isEmpty() || p < 0 || nw.offline != b.offline[p]) {
                res[j] = b.scoreWith(idxs[j], nw);
                continue;
            }
            pos[j] = p;
            nv[j] = new double[COUNT];
            nodeValues(nw, nv[j]);
            fast[nf++] = j;
        }
        if (nf == 0) {
            return res;
        }
        boolean anyOnline = false;
        for (boolean o : b.offline) {
            anyOnline |= !o;
        }
        if (!anyOnline) {
            for (int f = 0; f < nf; f++) {
                res[fast[f]] = 0;
            }
            return res;
        }
        // included positions per "want online" flag, and ranks
        int[][] inc = new int[2][];
        int[] rank = new int[cnt];
        for (int w = 0; w < 2; w++) {
            boolean want = w == 1;
            int l = 0;
            for (int i = 0; i < cnt; i++) {
                if (b.offline[i] != want) {
                    l++;
                }
            }
            inc[w] = new int[l];
            l = 0;
            for (int i = 0; i < cnt; i++) {
                if (b.offline[i] != want) {
                    rank[i] = l;
                    inc[w][l++] = i;
                }
            }
        }
        // the metrics are independent: on large batches they are computed in parallel, then added in order
        double[][] vk = new double[COUNT][];
        java.util.stream.IntStream ks = java.util.stream.IntStream.range(0, COUNT);
        if ((long) nf * cnt >= PARALLEL_WORK) {
            ks = ks.parallel();
        }
        int nfast = nf;
        ks.forEach(k -> {
            if (KIND[k] != 2) {
                vk[k] = metric(k, b, inc, rank, fast, pos, nv, nfast);
            }
        });
        double[] r = new double[nf];
        for (int k = 0; k < COUNT; k++) {
            for (int f = 0; f < nf; f++) {
                r[f] += WEIGHTS[k] * (KIND[k] == 2 ? 0.0 : vk[k][f]);
            }
        }
        for (int f = 0; f < nf; f++) {
            res[fast[f]] = r[f];
        }
        return res;
    }

    /** Batches of at least this many candidate × node cells score their metrics in parallel. */
    private static final long PARALLEL_WORK = 20_000;

    /** Metric {@code k}'s value after each fast candidate's replacement. */
    private static double[] metric(int k, Baseline b, int[][] inc, int[] rank, int[] fast, int[] pos, double[][] nv,
            int nf) {
        double[] v = new double[nf];
        int w = ONLINE[k] ? 1 : 0;
        int[] ix = inc[w];
        int len = ix.length;
        double nt = len;
        double[] col = null;
        double[] pre = null;
        double baseVal = Double.NaN;
        boolean haveBase = false;
        int[] gf = new int[nf];
        int ng = 0;
        for (int f = 0; f < nf; f++) {
            int j = fast[f];
            int p = pos[j];
            double x = b.vals[p][k];
            double y = nv[j][k];
            if (b.offline[p] == ONLINE[k]
                    || Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y)) {
                if (!haveBase) {
                    if (col == null) {
                        col = new double[len];
                        for (int t = 0; t < len; t++) {
                            col[t] = b.vals[ix[t]][k];
                        }
                    }
                    baseVal = foldValue(col, nt, KIND[k]);
                    haveBase = true;
                }
                v[f] = baseVal;
                continue;
            }
            gf[ng++] = f;
        }
        if (ng > 0) {
            if (col == null) {
                col = new double[len];
                for (int t = 0; t < len; t++) {
                    col[t] = b.vals[ix[t]][k];
                }
            }
            pre = new double[len + 1];
            double s = 0;
            for (int t = 0; t < len; t++) {
                pre[t] = s;
                s += col[t];
            }
            pre[len] = s;
            // groups of equal (old, new) value bits, each in ascending position order
            long[] kx = new long[4];
            long[] ky = new long[4];
            int[][] mem = new int[4][];
            int[] msz = new int[4];
            int nk = 0;
            for (int q = 0; q < ng; q++) {
                int j = fast[gf[q]];
                long xb = Double.doubleToRawLongBits(b.vals[pos[j]][k]);
                long yb = Double.doubleToRawLongBits(nv[j][k]);
                int c = 0;
                while (c < nk && (kx[c] != xb || ky[c] != yb)) {
                    c++;
                }
                if (c == nk) {
                    if (nk == kx.length) {
                        kx = java.util.Arrays.copyOf(kx, nk * 2);
                        ky = java.util.Arrays.copyOf(ky, nk * 2);
                        mem = java.util.Arrays.copyOf(mem, nk * 2);
                        msz = java.util.Arrays.copyOf(msz, nk * 2);
                    }
                    kx[c] = xb;
                    ky[c] = yb;
                    mem[c] = new int[4];
                    nk++;
                }
                if (msz[c] == mem[c].length) {
                    mem[c] = java.util.Arrays.copyOf(mem[c], msz[c] * 2);
                }
                mem[c][msz[c]++] = gf[q];
            }
            for (int c = 0; c < nk; c++) {
                int[] g = java.util.Arrays.copyOf(mem[c], msz[c]);
                boolean asc = true;
                for (int q = 1; q < g.length; q++) {
                    asc &= rank[pos[fast[g[q - 1]]]] < rank[pos[fast[g[q]]]];
                }
                if (!asc) {
                    Integer[] gb = new Integer[g.length];
                    for (int q = 0; q < g.length; q++) {
                        gb[q] = g[q];
                    }
                    java.util.Arrays.sort(gb, (a1, a2) -> Integer.compare(rank[pos[fast[a1]]], rank[pos[fast[a2]]]));
                    for (int q = 0; q < g.length; q++) {
                        g[q] = gb[q];
                    }
                }
                {
                    int[] ts = new int[g.length];
                    for (int q = 0; q < g.length; q++) {
                        ts[q] = rank[pos[fast[g[q]]]];
                    }
                    double y = nv[fast[g[0]]][k];
                    double[] sums = foldReplace(col, pre, ts, y);
                    if (KIND[k] == 1) {
                        for (int q = 0; q < g.length; q++) {
                            v[g[q]] = sums[q];
                        }
                        continue;
                    }
                    // split by mean, then fold the squared deviations the same way
                    // split by mean (bits), then fold the squared deviations the same way
                    int[] mgrp = new int[g.length];
                    java.util.Arrays.fill(mgrp, -1);
                    double[] terms = new double[len];
                    double[] tpre = new double[len + 1];
                    for (int q0 = 0; q0 < g.length; q0++) {
                        if (mgrp[q0] >= 0) {
                            continue;
                        }
                        long mb = Double.doubleToRawLongBits(sums[q0] / nt);
                        int cntm = 0;
                        for (int q = q0; q < g.length; q++) {
                            if (mgrp[q] < 0 && Double.doubleToRawLongBits(sums[q] / nt) == mb) {
                                mgrp[q] = q0;
                                cntm++;
                            }
                        }
                        int[] mgA = new int[cntm];
                        cntm = 0;
                        for (int q = q0; q < g.length; q++) {
                            if (mgrp[q] == q0) {
                                mgA[cntm++] = q;
                            }
                        }
                        java.util.List<Integer> mg = new java.util.AbstractList<Integer>() {
                            @Override
                            public Integer get(int i) {
                                return mgA[i];
                            }

                            @Override
                            public int size() {
                                return mgA.length;
                            }
                        };
                        double mean = sums[mg.get(0)] / nt;
                        double acc = 0;
                        for (int t = 0; t < len; t++) {
                            double d = col[t] - mean;
                            terms[t] = d * d;
                            tpre[t] = acc;
                            acc += terms[t];
                        }
                        tpre[len] = acc;
                        int[] ts2 = new int[mg.size()];
                        for (int q = 0; q < ts2.length; q++) {
                            ts2[q] = ts[mg.get(q)];
                        }
                        double du = y - mean;
                        double[] nvars = foldReplace(terms, tpre, ts2, du * du);
                        for (int q = 0; q < ts2.length; q++) {
                            v[g[mg.get(q)]] = Math.sqrt(nvars[q] / nt);
                        }
                    }
                }
            }
        }
        return v;
    }

    /** The metric value of an unchanged column, as {@link Baseline#scoreWith} folds it. */
    private static double foldValue(double[] col, double nt, int kind) {
        double sum = 0;
        for (double x : col) {
            sum += x;
        }
        if (kind == 1) {
            return sum;
        }
        double mean = sum / nt;
        double nvar = 0;
        for (double x : col) {
            double d = x - mean;
            nvar += d * d;
        }
        return Math.sqrt(nvar / nt);
    }

    /**
     * Left folds (+, from 0) of {@code col} with position {@code ts[q]} replaced by {@code rep}, for each q
     * ({@code ts} ascending, all positions holding the same value); {@code pre[t]} is the fold state before t.
     */
    private static double[] foldReplace(double[] col, double[] pre, int[] ts, double rep) {
        int g = ts.length;
        int len = col.length;
        double[] out = new double[g];
        // traj[i] (i >= valid): the running state at i of an already folded candidate; every fold from then on
        // has seen the same values, so equal states give equal results
        double[] traj = new double[len];
        int valid = len;
        for (int q = g - 1; q >= 0; q--) {
            int t0 = ts[q];
            double s = pre[t0] + rep;
            traj[t0] = s;
            for (int i = t0 + 1; i < len; i++) {
                s += col[i];
                if (i >= valid && Double.doubleToRawLongBits(s) == Double.doubleToRawLongBits(traj[i])) {
                    break;
                }
                traj[i] = s;
            }
            valid = t0;
            out[q] = traj[len - 1];
        }
        return out;
    }
}
