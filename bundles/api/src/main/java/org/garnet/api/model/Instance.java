package org.garnet.api.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An instance (a virtual machine). {@code adminState} is {@code up}, {@code down} or {@code offline};
 * {@code adminStateSource} is {@code admin} or {@code user}; parameter maps hold only what was set on the
 * instance (Ganeti fills the rest from the cluster at use).
 */
public record Instance(String uuid, String name, long serialNo, double ctime, double mtime, String primaryNode,
                       String os, String hypervisor, String diskTemplate, Map<String, Object> hvparams,
                       Map<String, Object> beparams, Map<String, Object> osparams, String adminState,
                       String adminStateSource, boolean disksActive, List<Disk> disks, List<Nic> nics,
                       Integer networkPort, Set<String> tags) implements ConfigObject {
    public Instance {
        hvparams = Map.copyOf(hvparams);
        beparams = Map.copyOf(beparams);
        osparams = Map.copyOf(osparams);
        disks = List.copyOf(disks);
        nics = List.copyOf(nics);
        tags = java.util.Collections.unmodifiableSet(new TreeSet<>(tags));
    }

    @Override
    public Instance withMeta(long serialNo, double ctime, double mtime) {
        return new Instance(uuid, name, serialNo, ctime, mtime, primaryNode, os, hypervisor, diskTemplate, hvparams,
                beparams, osparams, adminState, adminStateSource, disksActive, disks, nics, networkPort, tags);
    }

    /** Secondary nodes: the disks' nodes other than the primary, in order of appearance. */
    public List<String> secondaryNodes() {
        return disks.stream().flatMap(d -> d.nodes().stream()).filter(n -> !n.equals(primaryNode)).distinct()
                .toList();
    }
}
