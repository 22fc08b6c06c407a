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

    /** Ganeti's build-time ExtStorage search path, after the node's own directory under its data root. */
    static final List<String> GANETI_PATH = List.of("/srv/ganeti/extstorage", "/usr/local/lib/ganeti/extstorage",
            "/usr/lib/ganeti/extstorage", "/usr/share/ganeti/extstorage");

    /**
     * The directories searched for providers, in order: the cluster's ({@code gnt-cluster modify
     * --extstorage-search-path}, which the master pushes to every node with its ssconf facts), else the node's own
     * setting, else {@code <data root>/srv/ganeti/extstorage} and Ganeti's build-time path.
     */
    static List<Path> searchPath(ExtConfig c) {
        List<Path> out = new ArrayList<>();
        List<String> cluster = clusterPath(dataRoot(c));
        if (!cluster.isEmpty()) {
            cluster.forEach(d -> out.add(Path.of(d)));
        } else if (c.search_path().isBlank()) {
            Path own = dataRoot(c).resolve("srv/ganeti/extstorage");
            out.add(own);
            GANETI_PATH.stream().map(Path::of).filter(p -> !p.equals(own)).forEach(out::add);
        } else {
            for (String p : c.search_path().split(":")) {
                if (!p.isBlank()) {
                    out.add(Path.of(p.strip()));
                }
            }
        }
        return out;
    }

    /** The cluster's search path as this node's ssconf facts hold it (a directory per line); empty when unset. */
    static List<String> clusterPath(Path dataRoot) {
        Path file = dataRoot.resolve("ssconf").resolve("ssconf_extstorage_search_path");
        try {
            return java.nio.file.Files.readAllLines(file).stream().map(String::strip).filter(s -> !s.isEmpty())
                    .toList();
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static Duration timeout(ExtConfig c) {
        return Duration.ofSeconds(Math.max(1, c.script_timeout()));
    }
}
