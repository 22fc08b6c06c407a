package org.garnet.htools.hail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.garnet.htools.model.Node;

/** Node groups of a node array (Ganeti's computeGroups/splitCluster, node indices only). */
final class Groups {
    private Groups() {
    }

    /** Group index to its node indices (ascending), for the groups that have nodes, in group order. */
    static Map<Integer, int[]> nodesByGroup(Node[] nl) {
        TreeMap<Integer, List<Integer>> m = new TreeMap<>();
        for (Node n : nl) {
            m.computeIfAbsent(n.group, k -> new ArrayList<>()).add(n.idx);
        }
        Map<Integer, int[]> r = new TreeMap<>();
        m.forEach((g, l) -> r.put(g, l.stream().mapToInt(Integer::intValue).toArray()));
        return r;
    }

    /** The node indices of one group (ascending). */
    static int[] groupNodes(Node[] nl, int gdx) {
        return nodesByGroup(nl).getOrDefault(gdx, new int[0]);
    }
}
