package org.garnet.api.model;

import java.util.List;

/**
 * Ganeti's instance policy: bounds ({@code minmax}), standard spec, allowed disk templates, vcpu-to-cpu ratio and
 * instances-per-spindle ratio.
 */
public record InstancePolicy(List<MinMaxSpec> minmax, ISpec std, List<String> diskTemplates, double vcpuRatio,
                             double spindleRatio) {
    public InstancePolicy {
        minmax = List.copyOf(minmax);
        diskTemplates = List.copyOf(diskTemplates);
    }

    /** Ganeti's built-in defaults (ipolicy of a fresh cluster). */
    public static InstancePolicy defaults(List<String> diskTemplates) {
        return new InstancePolicy(
                List.of(new MinMaxSpec(new ISpec(128, 1, 1024, 1, 1, 1), new ISpec(32768, 8, 1024 * 1024, 16, 8, 12))),
                new ISpec(128, 1, 1024, 1, 1, 1), diskTemplates, 4.0, 32.0);
    }
}
