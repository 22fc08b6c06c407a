package org.garnet.api.hypervisor;

import java.util.List;
import java.util.Map;
import org.garnet.api.model.Instance;

/**
 * What a hypervisor needs to run an instance: the instance, its parameters filled with cluster defaults, and
 * the local paths (or URIs) of its disks, in disk order.
 */
public record HvInstance(Instance instance, Map<String, Object> hvparams, Map<String, Object> beparams,
                         List<String> diskPaths) {
    public HvInstance {
        hvparams = Map.copyOf(hvparams);
        beparams = Map.copyOf(beparams);
        diskPaths = List.copyOf(diskPaths);
    }
}
