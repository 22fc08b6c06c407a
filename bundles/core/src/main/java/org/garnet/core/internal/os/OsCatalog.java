package org.garnet.core.internal.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.garnet.api.os.OsDefinition;

/**
 * Where OS definitions come from: {@link OsDefinition} services (bundles, e.g. those the {@link OsBundleExtender}
 * registers for script-only OS bundles in {@code deploy/}) first, then the classic search path
 * {@code <data root>/srv/ganeti/os/<name>/}.
 */
public final class OsCatalog {
    private final Path searchPath;
    private final Map<String, OsDefinition> services = new ConcurrentHashMap<>();

    public OsCatalog(Path searchPath) {
        this.searchPath = searchPath;
    }

    public Path searchPath() {
        return searchPath;
    }

    public void added(String name, OsDefinition os) {
        services.put(name, os);
    }

    public void removed(String name, OsDefinition os) {
        services.remove(name, os);
    }

    /** The OS called {@code name} (without variant). */
    public Optional<OsDefinition> find(String name) {
        OsDefinition os = services.get(name);
        if (os != null) {
            return Optional.of(os);
        }
        Path dir = searchPath.resolve(name);
        if (!name.contains("/") && !name.startsWith(".") && Files.isDirectory(dir)) {
            return Optional.of(new DirectoryOs(name, dir));
        }
        return Optional.empty();
    }

    /** Every OS known, by name. */
    public Map<String, OsDefinition> all() {
        Map<String, OsDefinition> out = new TreeMap<>();
        if (Files.isDirectory(searchPath)) {
            try (Stream<Path> dirs = Files.list(searchPath)) {
                dirs.filter(Files::isDirectory).forEach(d -> out.put(d.getFileName().toString(),
                        new DirectoryOs(d.getFileName().toString(), d)));
            } catch (IOException e) {
                // an unreadable search path lists nothing from it
            }
        }
        out.putAll(services);
        return out;
    }
}
