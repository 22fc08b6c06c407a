package org.garnet.core.internal.node;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import org.garnet.core.internal.Json;

/**
 * Ganeti's {@code candidate_certs}: the certificate digest of the master and of each master candidate (node UUID
 * → SHA-1), kept by the master beside its configuration ({@code <data root>/crypto/candidate-certs.json},
 * replaced atomically). The node daemons admit exactly these callers (pushed as
 * {@code ssconf_master_candidates_certs}).
 */
public final class CandidateCerts {
    private final Path file;

    public CandidateCerts(Path dataRoot) {
        this.file = dataRoot.resolve("crypto/candidate-certs.json");
    }

    public synchronized Map<String, String> all() {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            return Json.mapper().readValue(file.toFile(), new TypeReference<TreeMap<String, String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public synchronized void put(String nodeUuid, String digest) {
        Map<String, String> m = all();
        m.put(nodeUuid, digest);
        write(m);
    }

    public synchronized void remove(String nodeUuid) {
        Map<String, String> m = all();
        if (m.remove(nodeUuid) != null) {
            write(m);
        }
    }

    public synchronized void clear() {
        write(new TreeMap<>());
    }

    private void write(Map<String, String> m) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".candidate-certs", ".tmp");
            Files.write(tmp, Json.mapper().writeValueAsBytes(m));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
