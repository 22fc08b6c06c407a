package org.garnet.htools.hbal;

import java.util.HashMap;
import java.util.Map;

import org.garnet.htools.algo.Metrics;
import org.garnet.htools.model.Node;

/**
 * The cluster score of one node group, with per-node components cached so that the score after a move that
 * changes two or three nodes can be estimated in constant time ({@link #estimate}, with an error bound) and
 * computed exactly, bit for bit as Ganeti's full computation, without recomputing unchanged components
 * ({@link #exact}).
 */
final class ScoreModel {
    private static final int C = NodeMetrics.COUNT;
    private final Node[] nl;
    private final int[] scope;
    /** Scope position of each node index (-1 when outside). */
    private final int[] pos;
    private final double[][] vals;
    private final boolean[] online;
    private final boolean empty;
    private final Map<String, Integer> mapCounts = new HashMap<>();
    /** Per statistic: node count, sum, mean, centred square sum, exact value. */
    private final double[] cnt = new double[C];
    private final double[] sum = new double[C];
    private final double[] mean = new double[C];
    private final double[] m2 = new double[C];
    private final double[] value = new double[C];
    private final double score;
    /** Per statistic, the values of the nodes it aggregates (online or offline ones), in node order. */
    private final double[][] cols = new double[C][];
    /** Position of each scope node within its statistic columns. */
    private final int[] cidx;
    /** Per-thread working copies of {@link #cols}. */
    private final ThreadLocal<double[][]> scratch;

    ScoreModel(Node[] nl, int[] scope) {
        this.nl = nl;
        this.scope = scope;
        this.pos = new int[nl.length];
        java.util.Arrays.fill(pos, -1);
        int n = scope.length;
        vals = new double[n][];
        online = new boolean[n];
        boolean allOff = true;
        for (int i = 0; i < n; i++) {
            Node nd = nl[scope[i]];
            pos[scope[i]] = i;
            vals[i] = NodeMetrics.values(nd);
            online[i] = !nd.offline;
            allOff &= nd.offline;
        }
        empty = allOff;
        cidx = new int[n];
        int on = 0;
        int off = 0;
        for (int i = 0; i < n; i++) {
            cidx[i] = online[i] ? on++ : off++;
        }
        for (int k = 0; k < C; k++) {
            boolean want = NodeMetrics.ONLINE[k];
            double[] col = new double[want ? on : off];
            for (int i = 0; i < n; i++) {
                if (online[i] == want) {
                    col[cidx[i]] = vals[i][k];
                }
            }
            cols[k] = col;
        }
        scratch = ThreadLocal.withInitial(() -> {
            double[][] c = new double[C][];
            for (int k = 0; k < C; k++) {
                c[k] = cols[k].clone();
            }
            return c;
        });
        for (int k = 0; k < C; k++) {
            if (NodeMetrics.KIND[k] == 2) {
                for (int i = 0; i < n; i++) {
                    if (online[i]) {
                        nl[scope[i]].instanceMap.forEach((key, val) -> mapCounts.merge(key, val, Integer::sum));
                    }
                }
                int sm = 0;
                for (int x : mapCounts.values()) {
                    sm += x;
                }
                value[k] = sm - mapCounts.size();
                continue;
            }
            boolean want = NodeMetrics.ONLINE[k];
            double nt = 0;
            double s = 0;
            for (int i = 0; i < n; i++) {
                if (online[i] == want) {
                    nt += 1;
                    s += vals[i][k];
                }
            }
            cnt[k] = nt;
            sum[k] = s;
            if (NodeMetrics.KIND[k] == 0) {
                double mu = s / nt;
                double nvar = 0;
                for (int i = 0; i < n; i++) {
                    if (online[i] == want) {
                        double d = vals[i][k] - mu;
                        nvar += d * d;
                    }
                }
                mean[k] = mu;
                m2[k] = nvar;
                value[k] = Math.sqrt(nvar / nt);
            } else {
                value[k] = s;
            }
        }
        score = combine(value);
    }

    private static double combine(double[] v) {
        double r = 0;
        for (int k = 0; k < C; k++) {
            r += Metrics.WEIGHTS[k] * v[k];
        }
        return r;
    }

    double score() {
        return empty ? 0 : score;
    }

    /** Components of the changed nodes (same order as {@code r.idx}), nodes outside the group have null. */
    double[][] changedValues(MoveResult r) {
        double[][] nv = new double[r.idx.length][];
        for (int j = 0; j < r.idx.length; j++) {
            if (pos[r.idx[j]] >= 0) {
                nv[j] = NodeMetrics.values(r.nodes[j]);
            }
        }
        return nv;
    }

    private boolean metricChanged(int k, MoveResult r, double[][] nv) {
        for (int j = 0; j < nv.length; j++) {
            if (nv[j] != null && nv[j][k] != vals[pos[r.idx[j]]][k]) {
                return true;
            }
        }
        return false;
    }

    /** The map statistic's value after the move, computed from the cluster-wide key counts (exact integers). */
    private double mapAfter(MoveResult r) {
        Map<String, Integer> delta = null;
        for (int j = 0; j < r.idx.length; j++) {
            int p = pos[r.idx[j]];
            if (p < 0) {
                continue;
            }
            Node old = nl[r.idx[j]];
            Node nw = r.nodes[j];
            if (old.instanceMap == nw.instanceMap || old.offline) {
                continue;
            }
            if (delta == null) {
                delta = new HashMap<>();
            }
            for (Map.Entry<String, Integer> e : old.instanceMap.entrySet()) {
                delta.merge(e.getKey(), -e.getValue(), Integer::sum);
            }
            for (Map.Entry<String, Integer> e : nw.instanceMap.entrySet()) {
                delta.merge(e.getKey(), e.getValue(), Integer::sum);
            }
        }
        if (delta == null) {
            return value[NodeMetrics.MAP];
        }
        double v = value[NodeMetrics.MAP];
        for (Map.Entry<String, Integer> e : delta.entrySet()) {
            int before = mapCounts.getOrDefault(e.getKey(), 0);
            int after = before + e.getValue();
            v += keyValue(after) - keyValue(before);
        }
        return v;
    }

    private static int keyValue(int count) {
        return count > 0 ? count - 1 : 0;
    }

    /**
     * A lower bound of the exact score after the move (estimate minus its error bound); the exact score is never
     * below it.
     */
    double lowerBound(MoveResult r, double[][] nv) {
        if (empty) {
            return 0;
        }
        double est = 0;
        double err = 0;
        for (int k = 0; k < C; k++) {
            double v;
            int kind = NodeMetrics.KIND[k];
            if (kind == 2) {
                v = mapAfter(r);
            } else if (!metricChanged(k, r, nv)) {
                v = value[k];
            } else if (kind == 1) {
                double s = sum[k];
                double mag = Math.abs(s);
                for (int j = 0; j < nv.length; j++) {
                    if (nv[j] != null && online[pos[r.idx[j]]] == NodeMetrics.ONLINE[k]) {
                        double x = vals[pos[r.idx[j]]][k];
                        s += nv[j][k] - x;
                        mag += Math.abs(x) + Math.abs(nv[j][k]);
                    }
                }
                v = s;
                err += Metrics.WEIGHTS[k] * (mag * 1e-13 + 1e-300);
            } else {
                double n = cnt[k];
                double mu = mean[k];
                double q = m2[k];
                double scale = q / n + mu * mu;
                for (int j = 0; j < nv.length; j++) {
                    if (nv[j] != null && online[pos[r.idx[j]]] == NodeMetrics.ONLINE[k]) {
                        double x = vals[pos[r.idx[j]]][k];
                        double y = nv[j][k];
                        double mu2 = mu + (y - x) / n;
                        q += (y - x) * (y - mu2 + x - mu);
                        mu = mu2;
                        scale = Math.max(scale, Math.max(x * x, y * y));
                    }
                }
                double var = Math.max(0, q / n);
                double errVar = (n + 30) * 4e-16 * (scale + var);
                v = Math.sqrt(var);
                double lo = Math.sqrt(Math.max(0, var - errVar));
                double hi = Math.sqrt(var + errVar);
                err += Metrics.WEIGHTS[k] * Math.max(v - lo, hi - v);
            }
            est += Metrics.WEIGHTS[k] * v;
        }
        return est - err - 1e-12 * Math.abs(est);
    }

    /** The exact score after the move, identical to Ganeti's full computation over the changed node list. */
    double exact(MoveResult r, double[][] nv) {
        if (empty) {
            return 0;
        }
        double[] v = value.clone();
        double[][] sc = scratch.get();
        for (int k = 0; k < C; k++) {
            int kind = NodeMetrics.KIND[k];
            if (kind == 2) {
                v[k] = mapAfter(r);
                continue;
            }
            if (!metricChanged(k, r, nv)) {
                continue;
            }
            boolean want = NodeMetrics.ONLINE[k];
            double[] col = sc[k];
            // substitute the changed nodes' values in this thread's copy, compute as Ganeti does, restore
            for (int j = 0; j < nv.length; j++) {
                if (nv[j] != null && online[pos[r.idx[j]]] == want) {
                    col[cidx[pos[r.idx[j]]]] = nv[j][k];
                }
            }
            double nt = col.length;
            double s = 0;
            for (double x : col) {
                s += x;
            }
            if (kind == 1) {
                v[k] = s;
            } else {
                double mu = s / nt;
                double nvar = 0;
                for (double x : col) {
                    double d = x - mu;
                    nvar += d * d;
                }
                v[k] = Math.sqrt(nvar / nt);
            }
            for (int j = 0; j < nv.length; j++) {
                if (nv[j] != null && online[pos[r.idx[j]]] == want) {
                    int i = pos[r.idx[j]];
                    col[cidx[i]] = vals[i][k];
                }
            }
        }
        return combine(v);
    }
}
