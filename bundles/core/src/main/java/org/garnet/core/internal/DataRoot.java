package org.garnet.core.internal;

import java.nio.file.Path;

/** Resolves the data root from the configuration. */
public final class DataRoot {
    private DataRoot() {
    }

    public static Path of(CoreConfig config) {
        String configured = config.data_root();
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        String base = System.getProperty("karaf.base", System.getProperty("user.dir"));
        return Path.of(base, "var", "lib", "garnet").toAbsolutePath();
    }
}
