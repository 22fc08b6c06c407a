package org.garnet.api.config;

import java.util.List;
import java.util.Map;

/**
 * {@code gnt-cluster init}'s parameters; a null field means "Ganeti's default". Parameter dictionaries use
 * Ganeti's names ({@code -H kvm:kernel_path=...} becomes {@code hvparams.kvm.kernel_path}).
 */
public record ClusterInitRequest(String clusterName, String secondaryIp, List<String> enabledHypervisors,
                                 List<String> enabledDiskTemplates, String masterNetdev, Integer masterNetmask,
                                 String macPrefix, String fileStorageDir, String sharedFileStorageDir,
                                 String vgName, Integer candidatePoolSize, Integer primaryIpVersion,
                                 String defaultIallocator, Map<String, Map<String, Object>> hvparams,
                                 Map<String, Object> beparams, Map<String, Object> nicparams,
                                 Map<String, Object> ndparams, Map<String, Object> defaultIallocatorParams) {
    /** A request with only the cluster name set. */
    public static ClusterInitRequest named(String name) {
        return new ClusterInitRequest(name, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }
}
