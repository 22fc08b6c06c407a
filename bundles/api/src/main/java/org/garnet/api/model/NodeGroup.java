package org.garnet.api.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node group. {@code allocPolicy} is one of {@code preferred}, {@code last_resort}, {@code unallocable};
 * {@code ipolicy} null means "inherit the cluster's".
 */
public record NodeGroup(String uuid, String name, long serialNo, double ctime, double mtime, String allocPolicy,
                        Map<String, Object> ndparams, Map<String, Map<String, Object>> diskparams,
                        InstancePolicy ipolicy, List<String> networks, Set<String> tags) implements ConfigObject {
    public NodeGroup {
        ndparams = Map.copyOf(ndparams);
        diskparams = Map.copyOf(diskparams);
        networks = List.copyOf(networks);
        tags = java.util.Collections.unmodifiableSet(new TreeSet<>(tags));
    }

    @Override
    public NodeGroup withMeta(long serialNo, double ctime, double mtime) {
        return new NodeGroup(uuid, name, serialNo, ctime, mtime, allocPolicy, ndparams, diskparams, ipolicy,
                networks, tags);
    }

    public NodeGroup withTags(Set<String> newTags) {
        return new NodeGroup(uuid, name, serialNo, ctime, mtime, allocPolicy, ndparams, diskparams, ipolicy,
                networks, newTags);
    }
}
