package org.garnet.htools.algo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Graph colouring as hroller uses it (Ganeti's Graph module): vertices lo..hi, adjacency lists with duplicates,
 * and the LF, Dsatur and Dcolor heuristics with Ganeti's tie-breaking.
 */
public final class Coloring {
    public final int lo;
    /** Adjacency per vertex (index v - lo), in Data.Graph.buildG order (reverse of edge order). */
    public final List<List<Integer>> adj = new ArrayList<>();

    public Coloring(int lo, int hi, List<int[]> edges) {
        this.lo = lo;
        for (int v = lo; v <= hi; v++) {
            adj.add(new ArrayList<>());
        }
        for (int[] e : edges) {
            adj.get(e[0] - lo).add(0, e[1]);
        }
    }

    private int size() {
        return adj.size();
    }

    private int colorNode(int[] color, int v) {
        Set<Integer> used = new HashSet<>();
        for (int n : adj.get(v - lo)) {
            if (color[n - lo] >= 0) {
                used.add(color[n - lo]);
            }
        }
        int c = 0;
        while (used.contains(c)) {
            c++;
        }
        return c;
    }

    private int[] blank() {
        int[] c = new int[size()];
        java.util.Arrays.fill(c, -1);
        return c;
    }

    /** Largest-first: by ascending degree (stable), coloured from the end of that list. */
    public int[] colorLF() {
        List<Integer> order = new ArrayList<>();
        for (int v = 0; v < size(); v++) {
            order.add(v + lo);
        }
        order.sort((a, b) -> Integer.compare(adj.get(a - lo).size(), adj.get(b - lo).size()));
        int[] color = blank();
        for (int k = order.size() - 1; k >= 0; k--) {
            int v = order.get(k);
            color[v - lo] = colorNode(color, v);
        }
        return color;
    }

    /** Dynamic order: repeatedly colour the (last) vertex maximising (key1, degree). */
    private int[] dynamic(boolean satur) {
        List<Integer> rest = new ArrayList<>();
        for (int v = 0; v < size(); v++) {
            rest.add(v + lo);
        }
        int[] color = blank();
        while (!rest.isEmpty()) {
            int best = -1;
            int bk = 0;
            int bd = 0;
            int bpos = -1;
            for (int pos = 0; pos < rest.size(); pos++) {
                int v = rest.get(pos);
                List<Integer> neigh = adj.get(v - lo);
                int k1;
                if (satur) {
                    Set<Integer> cs = new HashSet<>();
                    for (int n : neigh) {
                        if (color[n - lo] >= 0) {
                            cs.add(color[n - lo]);
                        }
                    }
                    k1 = cs.size();
                } else {
                    k1 = 0;
                    for (int n : neigh) {
                        if (color[n - lo] >= 0) {
                            k1++;
                        }
                    }
                }
                int d = neigh.size();
                if (best < 0 || k1 > bk || (k1 == bk && d >= bd)) {
                    best = v;
                    bk = k1;
                    bd = d;
                    bpos = pos;
                }
            }
            color[best - lo] = colorNode(color, best);
            rest.remove(bpos);
        }
        return color;
    }

    public int[] colorDsatur() {
        return dynamic(true);
    }

    public int[] colorDcolor() {
        return dynamic(false);
    }

    /** Colour to ascending vertex list, by ascending colour. */
    public TreeMap<Integer, List<Integer>> colorVertMap(int[] color) {
        TreeMap<Integer, List<Integer>> m = new TreeMap<>();
        for (int v = 0; v < color.length; v++) {
            m.computeIfAbsent(color[v], k -> new ArrayList<>()).add(v + lo);
        }
        return m;
    }

    /** Haskell's show of the graph array. */
    public String show() {
        StringBuilder b = new StringBuilder("array (" + lo + "," + (lo + size() - 1) + ") [");
        for (int v = 0; v < size(); v++) {
            if (v > 0) {
                b.append(',');
            }
            b.append('(').append(v + lo).append(',').append(adj.get(v).toString().replace(" ", "")).append(')');
        }
        return b.append(']').toString();
    }
}
