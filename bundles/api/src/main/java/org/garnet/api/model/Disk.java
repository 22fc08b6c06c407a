package org.garnet.api.model;

import java.util.List;
import java.util.Map;

/**
 * An instance disk. {@code devType} is the disk template that made it, {@code size} is in MiB, {@code mode} is
 * {@code rw} or {@code ro}; {@code logicalId} is the template's own identification (e.g. driver and path for
 * file disks); {@code nodes} are the node UUIDs holding it (primary first).
 */
public record Disk(String uuid, String name, String devType, long size, String mode, Integer spindles,
                   List<String> logicalId, List<String> nodes, Map<String, Object> params) {
    public Disk {
        logicalId = List.copyOf(logicalId);
        nodes = List.copyOf(nodes);
        params = Map.copyOf(params);
    }
}
