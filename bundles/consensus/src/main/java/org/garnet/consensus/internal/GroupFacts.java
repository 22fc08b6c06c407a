package org.garnet.consensus.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the node's ssconf files say about the Raft group: the cluster (its UUID is the group's id) and the
 * master candidates with their primary addresses (the members, by node name), and the certificate digests
 * admitted to call (the candidates' own).
 */
record GroupFacts(UUID cluster, String master, List<String> candidates, List<String> addresses,
                  Set<String> admittedDigests) {
    /** The master's Raft priority (the others': 0): the group's leader is the master whenever it can be. */
    static final int MASTER_PRIORITY = 1;

    /** The facts in {@code ssconf}, if this node belongs to a cluster. */
    static Optional<GroupFacts> read(Path ssconf) {
        try {
            String uuid = one(ssconf, "cluster_uuid");
            List<String> candidates = lines(ssconf, "master_candidates");
            List<String> addresses = lines(ssconf, "master_candidates_ips");
            if (uuid.isEmpty() || candidates.isEmpty() || candidates.size() != addresses.size()) {
                return Optional.empty();
            }
            Set<String> digests = new HashSet<>();
            for (String line : lines(ssconf, "master_candidates_certs")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    digests.add(line.substring(eq + 1).trim().toUpperCase(java.util.Locale.ROOT));
                }
            }
            return Optional.of(new GroupFacts(UUID.fromString(uuid), one(ssconf, "master_node"), candidates, addresses,
                    digests));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The members, each on {@code port} of its primary address. */
    List<RaftEngine.Member> members(int port) {
        List<RaftEngine.Member> out = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            out.add(new RaftEngine.Member(candidates.get(i), addresses.get(i), port,
                    candidates.get(i).equals(master) ? MASTER_PRIORITY : 0));
        }
        return out;
    }

    private static String one(Path dir, String key) throws IOException {
        List<String> l = lines(dir, key);
        return l.isEmpty() ? "" : l.get(0);
    }

    private static List<String> lines(Path dir, String key) throws IOException {
        return Files.readAllLines(dir.resolve("ssconf_" + key), StandardCharsets.UTF_8).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
