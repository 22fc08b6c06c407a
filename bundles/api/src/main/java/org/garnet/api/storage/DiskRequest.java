package org.garnet.api.storage;

import java.util.Map;

/**
 * A disk to create: owning instance, index, size in MiB, access mode, template parameters (from the cluster,
 * the group and the disk itself), and where it goes.
 */
public record DiskRequest(String instanceName, String instanceUuid, int index, String diskUuid, long sizeMiB,
                          String mode, Map<String, Object> params, Location location) {
    public DiskRequest {
        params = Map.copyOf(params);
    }

    /** The storage location on this node: a directory (file templates), a volume group, a pool... */
    public record Location(String path) {
    }
}
