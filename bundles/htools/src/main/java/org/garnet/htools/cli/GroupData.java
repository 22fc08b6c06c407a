package org.garnet.htools.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/**
 * Cluster data restricted to some nodes and instances (hbal saves only the balanced group), renumbered so that
 * list positions are indices again, as the text writer expects.
 */
final class GroupData {
    private GroupData() {
    }

    static ClusterData subset(ClusterData cd, List<Node> nodes, List<Instance> insts) {
        Map<Integer, Integer> pos = new HashMap<>();
        List<Node> nl = new ArrayList<>();
        for (Node n : nodes) {
            pos.put(n.idx, nl.size());
            nl.add(n);
        }
        List<Instance> il = new ArrayList<>();
        for (Instance i : insts) {
            Instance c = i.copy();
            c.pNode = pos.getOrDefault(i.pNode, -1);
            c.sNode = i.sNode < 0 ? -1 : pos.getOrDefault(i.sNode, -1);
            il.add(c);
        }
        return cd.withState(nl, il);
    }
}
