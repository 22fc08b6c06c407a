package org.garnet.core.internal.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.garnet.api.os.OsDefinition;

/**
 * Where OS definitions come from: {@link OsDefinition} services (bundles, e.g. those the {@link OsBundleExtender}
 * registers for script-only OS bundles in {@code deploy/}) first, then the directories of the search path in
 * order, the first holding {@code <name>/} winning: {@code <data root>/srv/ganeti/os}, then Ganeti's own
 * ({@link #GANETI_OS_PATH}), so an OS that Debian's packages install works unchanged.
 */
public final class OsCatalog {
    /** Ganeti's default OS search path. */
    public static final List<String> GANETI_OS_PATH = List.of("/srv/ganeti/os", "/usr/local/lib/ganeti/os",
            "/usr/lib/ganeti/os", "/usr/share/ganeti/os");
    /** Ganeti's default ExtStorage search path. */
    public static final List<String> GANETI_EXTSTORAGE_PATH = List.of("/srv/ganeti/extstorage",
            "/usr/local/lib/ganeti/extstorage", "/usr/lib/ganeti/extstorage", "/usr/share/ganeti/extstorage");
    private final List<Path> searchPath;
    private final Map<String, OsDefinition> services = new ConcurrentHashMap<>();

    public OsCatalog(Path searchPath) {
        this(List.of(searchPath));
    }

    public OsCatalog(List<Path> searchPath) {
        this.searchPath = List.copyOf(searchPath);
    }

    /** The node's search path: its data root's {@code srv/ganeti/os}, then Ganeti's directories. */
    public static List<Path> of(Path dataRoot) {
        return withData(dataRoot.resolve("srv/ganeti/os"), GANETI_OS_PATH);
    }

    /** The same for ExtStorage providers. */
    public static List<Path> extStorage(Path dataRoot) {
        return withData(dataRoot.resolve("srv/ganeti/extstorage"), GANETI_EXTSTORAGE_PATH);
    }

    private static List<Path> withData(Path own, List<String> ganeti) {
        List<Path> out = new java.util.ArrayList<>();
        out.add(own);
        ganeti.stream().map(Path::of).filter(p -> !p.equals(own)).forEach(out::add);
        return out;
    }

    public List<Path> searchPath() {
        return searchPath;
    }

    /** OS definitions whose bundle was here and went (stopped, removed from deploy/, being replaced). */
    private final java.util.Set<String> gone = ConcurrentHashMap.newKeySet();

    public void added(String name, OsDefinition os) {
        services.put(name, os);
        gone.remove(name);
    }

    public void removed(String name, OsDefinition os) {
        if (services.remove(name, os)) {
            gone.add(name);
        }
    }

    /**
     * Whether the OS {@code name} came from a bundle that went away and nothing serves it now: a job that needs
     * it waits for the bundle to come back. An OS never seen is not missing but unknown (Ganeti's error).
     */
    public boolean missing(String name) {
        return name != null && gone.contains(name) && find(name).isEmpty();
    }

    /** The OS called {@code name} (without variant). */
    public Optional<OsDefinition> find(String name) {
        OsDefinition os = services.get(name);
        if (os != null) {
            return Optional.of(os);
        }
        if (name.contains("/") || name.startsWith(".")) {
            return Optional.empty();
        }
        for (Path base : searchPath) {
            Path dir = base.resolve(name);
            if (Files.isDirectory(dir)) {
                return Optional.of(new DirectoryOs(name, dir));
            }
        }
        return Optional.empty();
    }

    /** Every OS known, by name. */
    public Map<String, OsDefinition> all() {
        Map<String, OsDefinition> out = new TreeMap<>();
        for (Path base : searchPath) {
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> dirs = Files.list(base)) {
                dirs.filter(Files::isDirectory).forEach(d -> out.putIfAbsent(d.getFileName().toString(),
                        new DirectoryOs(d.getFileName().toString(), d)));
            } catch (IOException e) {
                // an unreadable directory of the search path lists nothing from it
            }
        }
        out.putAll(services);
        return out;
    }
}
