package org.garnet.disk.ext.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the ext template's settings ({@link ExtConfig}) come to: its directories and its scripts' timeout. */
final class ExtSettings {
    private ExtSettings() {
    }

    /** Where the scripts' logs go: ${karaf.base}/data/log/extstorage (Ganeti's /var/log/ganeti/extstorage). */
    static Path logDir() {
        return Path.of(System.getProperty("karaf.base", "."), "data", "log", "extstorage").toAbsolutePath();
    }

    static Path dataRoot(ExtConfig c) {
        return c.data_root().isBlank() ? Path.of(System.getProperty("karaf.base", System.getProperty("user.dir")),
                "var", "lib", "garnet").toAbsolutePath() : Path.of(c.data_root()).toAbsolutePath();
    }

    static List<Path> searchPath(ExtConfig c) {
        List<Path> out = new ArrayList<>();
        if (c.search_path().isBlank()) {
            out.add(dataRoot(c).resolve("srv/ganeti/extstorage"));
        } else {
            for (String p : c.search_path().split(":")) {
                if (!p.isBlank()) {
                    out.add(Path.of(p.strip()));
                }
            }
        }
        return out;
    }

    static Duration timeout(ExtConfig c) {
        return Duration.ofSeconds(Math.max(1, c.script_timeout()));
    }
}
