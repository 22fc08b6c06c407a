package org.garnet.core.internal.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.garnet.api.config.ClusterService;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.noded.NodeDaemonComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the release agent (org.garnet.release.agent) that this release's core is up: once the cluster service,
 * the drivers and the node daemon are active, {@code ${karaf.data}/garnet-release/ready} holds this release's
 * version; it goes when they stop. A swap whose new release never writes it within the agent's bound is taken
 * back.
 */
@Component(immediate = true)
public class ReleaseReady {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseReady.class);
    private final Path file = Path.of(System.getProperty("karaf.data", "data"), "garnet-release", "ready");
    private final String version = SoftwareVersion.full();

    @Activate
    public ReleaseReady(@Reference ClusterService cluster, @Reference Drivers drivers,
                        @Reference NodeDaemonComponent daemon) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(".ready.tmp");
            Files.writeString(tmp, version + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", file, e.getMessage());
        }
    }

    @Deactivate
    void gone() {
        try {
            if (Files.readString(file).strip().equals(version)) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // not there: nothing to take back
        }
    }
}
