package org.garnet.htools.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/** Ganeti's splitCluster: per group (in group index order) its nodes and the instances whose primary is there. */
public record GroupSplit(int gdx, List<Node> nodes, List<Instance> instances) {
    /** The full instance list (instances are indexed cluster-wide). */
    public List<Instance> allInstances() {
        return instances;
    }

    public static List<GroupSplit> split(List<Node> nl, List<Instance> il) {
        TreeMap<Integer, List<Node>> byGroup = new TreeMap<>();
        for (Node n : nl) {
            byGroup.computeIfAbsent(n.group, k -> new ArrayList<>()).add(n);
        }
        List<GroupSplit> r = new ArrayList<>();
        byGroup.forEach((g, nodes) -> {
            List<Instance> insts = new ArrayList<>();
            for (Instance i : il) {
                if (nl.get(i.pNode).group == g) {
                    insts.add(i);
                }
            }
            r.add(new GroupSplit(g, nodes, insts));
        });
        return r;
    }

    /** Online nodes failing N+1. */
    public static List<Node> badNodes(List<Node> nodes) {
        List<Node> r = new ArrayList<>();
        for (Node n : nodes) {
            if (!n.offline && n.failN1) {
                r.add(n);
            }
        }
        return r;
    }

    /** Distinct indices of the instances on the bad nodes, sorted. */
    public static List<Integer> badInstances(List<Node> bad) {
        java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
        for (Node n : bad) {
            for (int i : n.sList.toArray()) {
                s.add(i);
            }
            for (int i : n.pList.toArray()) {
                s.add(i);
            }
        }
        return new ArrayList<>(s);
    }

    /** Instances whose primary and secondary are in different groups. */
    public static List<Instance> splitInstances(List<Node> nl, List<Instance> il) {
        List<Instance> r = new ArrayList<>();
        for (Instance i : il) {
            if (i.sNode >= 0 && nl.get(i.pNode).group != nl.get(i.sNode).group) {
                r.add(i);
            }
        }
        return r;
    }
}
