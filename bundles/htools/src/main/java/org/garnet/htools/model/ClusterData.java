package org.garnet.htools.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A loaded cluster: groups, nodes and instances, each indexed by its {@code idx} (its list position), plus the
 * cluster tags and cluster ipolicy.
 */
public final class ClusterData {
    public List<Group> groups;
    public List<Node> nodes;
    public List<Instance> instances;
    public List<String> tags;
    public IPolicy ipolicy;

    public ClusterData(List<Group> groups, List<Node> nodes, List<Instance> instances, List<String> tags,
            IPolicy ipolicy) {
        this.groups = groups;
        this.nodes = nodes;
        this.instances = instances;
        this.tags = tags;
        this.ipolicy = ipolicy;
    }

    public ClusterData withState(List<Node> nl, List<Instance> il) {
        return new ClusterData(groups, nl, il, tags, ipolicy);
    }

    public Group groupByName(String name) {
        for (Group g : groups) {
            if (g.name.equals(name)) {
                return g;
            }
        }
        return null;
    }

    public static List<Node> copyOf(List<Node> nl) {
        return new ArrayList<>(nl);
    }
}
