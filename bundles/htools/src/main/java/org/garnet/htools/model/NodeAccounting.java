package org.garnet.htools.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The value arithmetic behind {@link Node}'s accounting: tag multisets (primary tags), utilisation vectors, and
 * the location-tag figures an instance brings to a node. Pure functions; the inputs are never modified.
 */
final class NodeAccounting {
    private NodeAccounting() {
    }

    static Map<String, Integer> addTags(Map<String, Integer> m, Iterable<String> tags) {
        java.util.Iterator<String> it = tags.iterator();
        if (!it.hasNext()) {
            return m;
        }
        Map<String, Integer> n = new TreeMap<>(m);
        for (String t : tags) {
            n.merge(t, 1, Integer::sum);
        }
        return n;
    }

    static Map<String, Integer> delTags(Map<String, Integer> m, Iterable<String> tags) {
        java.util.Iterator<String> it = tags.iterator();
        if (!it.hasNext()) {
            return m;
        }
        Map<String, Integer> n = new TreeMap<>(m);
        for (String t : tags) {
            Integer v = n.get(t);
            if (v != null) {
                if (v > 1) {
                    n.put(t, v - 1);
                } else {
                    n.remove(t);
                }
            }
        }
        return n;
    }

    static double[] addUtil(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]};
    }

    static double[] subUtil(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]};
    }

    static double[] addDsk(double[] a, double d) {
        return new double[] {a[0], a[1], a[2] + d, a[3]};
    }

    /** The (location tag, exclusion tag) pairs an instance would add to a node with these location tags. */
    static List<String> exclusionPairs(Set<String> locationTags, Instance inst) {
        if (locationTags.isEmpty() || inst.exclTags.isEmpty()) {
            return List.of();
        }
        List<String> r = new java.util.ArrayList<>();
        for (String loc : new TreeSet<>(locationTags)) {
            for (String e : inst.exclTags) {
                r.add(loc + '\u0000' + e);
            }
        }
        return r;
    }

    /** How many of an instance's desired location tags a node with these location tags lacks. */
    static int dsrdLocScore(Set<String> locationTags, Instance t) {
        if (t.dsrdLocTags.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String s : t.dsrdLocTags) {
            if (locationTags.contains(s)) {
                common++;
            }
        }
        return t.dsrdLocTags.size() - common;
    }
}
