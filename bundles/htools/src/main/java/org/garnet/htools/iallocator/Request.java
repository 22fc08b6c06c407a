package org.garnet.htools.iallocator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.Instance;

/** A parsed IAllocator request (Ganeti's Request = RqType + ClusterData). Indices refer to {@link #cluster}. */
public final class Request {
    /** The request modes. */
    public enum Type { ALLOCATE, RELOCATE, CHANGE_GROUP, NODE_EVACUATE, MULTI_ALLOCATE, ALLOCATE_SECONDARY }

    /** Node evacuation modes (Ganeti's EvacMode). */
    public enum EvacMode {
        CHANGE_PRIMARY("primary-only"), CHANGE_SECONDARY("secondary-only"), CHANGE_ALL("all");

        public final String raw;

        EvacMode(String raw) {
            this.raw = raw;
        }

        public static EvacMode fromRaw(String s) {
            for (EvacMode m : values()) {
                if (m.raw.equals(s)) {
                    return m;
                }
            }
            return null;
        }
    }

    /** One instance to allocate with its node count and optional group name. */
    public record AllocDetails(Instance inst, int requiredNodes, String groupName) {
    }

    public Type type;
    public ClusterData cluster;
    /** The cluster's first enabled hypervisor is KVM (its nodes' memory may be overridden by a static size). */
    public boolean kvm;
    /** "Missing resources" warnings computed while loading. */
    public List<String> warnings = new ArrayList<>();
    /** Networks required by the NICs of each instance (cluster and requested ones), by instance name. */
    public Map<String, List<String>> nicNetworks = new HashMap<>();

    /** ALLOCATE: the instance, node count and group; MULTI_ALLOCATE: the list. */
    public List<AllocDetails> allocs = new ArrayList<>();
    /** ALLOCATE: nodes the request restricts the allocation to (null: none). */
    public List<String> restrictToNodes;
    /** RELOCATE / ALLOCATE_SECONDARY: the instance index. */
    public int instIdx = -1;
    /** RELOCATE: required nodes and the nodes to relocate from. */
    public int relocRequired;
    public List<Integer> relocateFrom = new ArrayList<>();
    /** CHANGE_GROUP / NODE_EVACUATE: the instances. */
    public List<Integer> instances = new ArrayList<>();
    /** CHANGE_GROUP: the target groups. */
    public List<Integer> targetGroups = new ArrayList<>();
    public EvacMode evacMode;

    /** The group asked for by an allocation request: absent (not an allocation), or maybe one group. */
    public boolean isAllocation() {
        return type == Type.ALLOCATE || type == Type.MULTI_ALLOCATE;
    }

    /** Ganeti's isAllocationRequest group part: the unique group named by the allocation(s), or null. */
    public String allocationGroup() {
        List<String> names = new ArrayList<>();
        for (AllocDetails d : allocs) {
            if (d.groupName() != null && !names.contains(d.groupName())) {
                names.add(d.groupName());
            }
        }
        if (type == Type.ALLOCATE) {
            return allocs.get(0).groupName();
        }
        return names.size() == 1 ? names.get(0) : null;
    }
}
