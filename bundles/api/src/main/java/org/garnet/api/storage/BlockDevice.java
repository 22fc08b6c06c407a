package org.garnet.api.storage;

import java.util.List;

/** A disk as created/assembled: its logical id (stored with the disk) and its local path or URI. */
public record BlockDevice(List<String> logicalId, String path, String uri) {
    public BlockDevice {
        logicalId = List.copyOf(logicalId);
    }
}
