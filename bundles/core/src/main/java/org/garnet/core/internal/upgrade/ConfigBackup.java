package org.garnet.core.internal.upgrade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Network;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;
import org.garnet.core.internal.Json;

/**
 * The configuration as one JSON file before an upgrade changes anything (Ganeti tars its data directory): every
 * object, by kind; readable by its owner only, as it holds the cluster's secrets' places and names; written aside,
 * fsync'd and renamed, so a backup is whole or absent.
 */
final class ConfigBackup {
    private ConfigBackup() {
    }

    static Path write(ConfigStore store, Path dir) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("cluster", store.cluster().orElseThrow());
        all.put("nodegroups", store.list(NodeGroup.class));
        all.put("nodes", store.list(Node.class));
        all.put("instances", store.list(Instance.class));
        all.put("networks", store.list(Network.class));
        Path file = dir.resolve("garnet-config-" + System.currentTimeMillis() / 1000 + ".json");
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".backup", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the configuration's backup in " + dir + ": "
                    + e.getMessage(), e);
        }
    }
}
