package org.garnet.htools.model;

import java.util.List;

/** A node group. {@code idx} is its position in {@link ClusterData#groups}. */
public final class Group {
    public final String name;
    public final String uuid;
    public int idx;
    public AllocPolicy allocPolicy;
    public final List<String> networks;
    public IPolicy ipolicy;
    public final List<String> tags;

    public Group(String name, String uuid, AllocPolicy allocPolicy, List<String> networks, IPolicy ipolicy,
            List<String> tags) {
        this.name = name;
        this.uuid = uuid;
        this.allocPolicy = allocPolicy;
        this.networks = networks;
        this.ipolicy = ipolicy;
        this.tags = tags;
    }

    public Group copy() {
        Group g = new Group(name, uuid, allocPolicy, networks, ipolicy, tags);
        g.idx = idx;
        return g;
    }

    public boolean isAllocable() {
        return allocPolicy != AllocPolicy.UNALLOCABLE;
    }
}
