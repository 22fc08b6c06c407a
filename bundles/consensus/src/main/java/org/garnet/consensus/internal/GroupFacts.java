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
 * What the node's ssconf files say about the Raft group: the cluster, the group (its id: the cluster's UUID, or
 * after a forced take-over the new group's, with its epoch), the master candidates with their primary addresses
 * (the members, by node name), and the certificate digests admitted to call (the candidates' own).
 */
record GroupFacts(UUID cluster, long epoch, UUID group, String master, List<String> candidates,
                  List<String> addresses, Set<String> admittedDigests) {
    /**
     * Garnet's own ssconf key (Ganeti has none): {@code EPOCH GROUP-UUID} of the candidates' group once a
     * {@code master-failover --no-voting} founded a new one; absent, the group is epoch 0, named by the cluster.
     */
    static final String GROUP_KEY = "raft_group";
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
            UUID cluster = UUID.fromString(uuid);
            long epoch = 0;
            UUID group = cluster;
            String[] raft = one(ssconf, GROUP_KEY).split("\\s+");
            if (raft.length == 2) {
                epoch = Long.parseLong(raft[0]);
                group = UUID.fromString(raft[1]);
            }
            return Optional.of(new GroupFacts(cluster, epoch, group, one(ssconf, "master_node"), candidates,
                    addresses, digests));
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

    /**
     * Writes some of this node's own facts (each file replaced at once and made durable): the forced take-over
     * names the new group and this node the master before anything else happens.
     */
    static void writeOwn(Path ssconf, java.util.Map<String, String> values) throws IOException {
        for (java.util.Map.Entry<String, String> e : values.entrySet()) {
            Path tmp = Files.createTempFile(ssconf, ".ssconf", ".tmp");
            Files.writeString(tmp, e.getValue() + "\n", StandardCharsets.UTF_8);
            try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(tmp,
                    java.nio.file.StandardOpenOption.WRITE)) {
                c.force(true);
            }
            Files.move(tmp, ssconf.resolve("ssconf_" + e.getKey()), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The same facts with other admitted digests. */
    GroupFacts admitting(Set<String> digests) {
        return new GroupFacts(cluster, epoch, group, master, candidates, addresses, digests);
    }

    private static String one(Path dir, String key) throws IOException {
        List<String> l = lines(dir, key);
        return l.isEmpty() ? "" : l.get(0);
    }

    private static List<String> lines(Path dir, String key) throws IOException {
        Path file = dir.resolve("ssconf_" + key);
        if (GROUP_KEY.equals(key) && !Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
