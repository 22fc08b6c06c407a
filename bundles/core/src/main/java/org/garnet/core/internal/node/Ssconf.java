package org.garnet.core.internal.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Ganeti's ssconf files on this node: {@code <data root>/ssconf/ssconf_<key>}, one value per line, what every
 * node knows of its cluster (name, master, node and candidate lists, the candidates' certificate digests...).
 * Written whole by the master's pushes (each file replaced atomically; keys not sent are removed), read by the
 * node daemon (who may call) and by the node's own commands (who is the master).
 */
public final class Ssconf {
    private static final String PREFIX = "ssconf_";
    private final Path dir;

    public Ssconf(Path dataRoot) {
        this.dir = dataRoot.resolve("ssconf");
    }

    /** Replaces every ssconf file by {@code values} (key without prefix → content). */
    public synchronized void write(Map<String, String> values) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> e : values.entrySet()) {
                if (!e.getKey().matches("[a-z0-9_]+")) {
                    throw new IllegalArgumentException("invalid ssconf key " + e.getKey());
                }
                Path tmp = Files.createTempFile(dir, ".ssconf", ".tmp");
                Files.writeString(tmp, e.getValue().isEmpty() || e.getValue().endsWith("\n") ? e.getValue()
                        : e.getValue() + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, dir.resolve(PREFIX + e.getKey()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    String name = p.getFileName().toString();
                    if (name.startsWith(PREFIX) && !values.containsKey(name.substring(PREFIX.length()))) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ssconf files in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Replaces one file (the master's own facts, before it pushes them to every node). */
    public synchronized void put(String key, String value) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".ssconf", ".tmp");
            Files.writeString(tmp, value.endsWith("\n") ? value : value + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(PREFIX + key), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ssconf file " + key + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** All values, by key. */
    public synchronized Map<String, String> all() {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(PREFIX)) {
                    out.put(name.substring(PREFIX.length()), Files.readString(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public Optional<String> value(String key) {
        Path p = dir.resolve(PREFIX + key);
        try {
            return Files.exists(p) ? Optional.of(Files.readString(p).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> lines(String key) {
        return value(key).map(v -> v.isEmpty() ? List.<String>of() : List.of(v.split("\n"))).orElse(List.of());
    }

    /** {@code master_candidates_certs}: node uuid (or {@code bootstrap}) → SHA-1 digest. */
    public Map<String, String> candidateCerts() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines("master_candidates_certs")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return out;
    }

    /** Removes every file (the node left its cluster). */
    public synchronized void clear() {
        write(Map.of());
    }
}
