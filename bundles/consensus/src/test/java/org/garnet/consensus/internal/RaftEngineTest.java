package org.garnet.consensus.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.garnet.api.consensus.NotLeaderException;
import org.garnet.api.consensus.ReplicatedState;
import org.garnet.crypto.Certificates;
import org.garnet.crypto.Identity;
import org.garnet.crypto.Tls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three Ratis members in one JVM on loopback, with the cluster's mutual TLS: entries committed by the leader
 * reach every member's state in order; a follower refuses to append and names the leader; a member whose
 * certificate another authority signed gets nothing; the leader's loss elects another that keeps every
 * acknowledged entry; a restarted member catches up without applying anything twice.
 */
class RaftEngineTest {
    /** A state that remembers what it applied. */
    static final class Recorded implements ReplicatedState {
        final List<String> applied = new CopyOnWriteArrayList<>();
        volatile long index;

        @Override
        public byte[] apply(long index, byte[] entry) {
            applied.add(new String(entry, StandardCharsets.UTF_8));
            this.index = index;
            return ("applied " + applied.size()).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public long appliedIndex() {
            return index;
        }

        @Override
        public void leave() {
            applied.clear();
            index = 0;
        }

        @Override
        public void forgetIndex() {
            index = 0;
        }

        @Override
        public synchronized long snapshotTo(Path file) {
            try {
                java.nio.file.Files.writeString(file, index + "\n" + String.join("\n", applied));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return index;
        }

        @Override
        public synchronized void restoreFrom(Path file) {
            try {
                List<String> lines = java.nio.file.Files.readAllLines(file);
                long theirs = Long.parseLong(lines.get(0));
                if (theirs > index) {
                    applied.clear();
                    applied.addAll(lines.subList(1, lines.size()));
                    index = theirs;
                    restores++;
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        volatile int restores;
    }

    @TempDir
    Path dir;
    final UUID cluster = UUID.randomUUID();
    final Identity authority = Certificates.authority("cluster");
    final List<RaftEngine.Member> members = new ArrayList<>();
    final List<Identity> identities = new ArrayList<>();
    final Set<X509Certificate> admitted = new HashSet<>();
    final List<Recorded> states = new ArrayList<>();
    final RaftEngine[] engines = new RaftEngine[3];

    @BeforeEach
    void setUp() throws IOException {
        for (int i = 0; i < 3; i++) {
            members.add(new RaftEngine.Member(UUID.randomUUID().toString(), "127.0.0.1", freePort()));
            Identity id = Certificates.issue(authority, List.of("node" + (i + 1), "127.0.0.1"));
            identities.add(id);
            admitted.add(id.certificate());
            states.add(new Recorded());
        }
    }

    @AfterEach
    void tearDown() throws IOException {
        for (RaftEngine e : engines) {
            if (e != null) {
                e.close();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private RaftEngine start(int i, Identity id, X509Certificate ca) throws IOException {
        return start(i, id, ca, members);
    }

    /** Entries between snapshots in this test (0: the engine's default). */
    long snapshotEvery;

    private RaftEngine start(int i, Identity id, X509Certificate ca, List<RaftEngine.Member> group)
            throws IOException {
        RaftEngine e = new RaftEngine(cluster, members.get(i), group, dir.resolve("n" + i), Tls.keyManager(id),
                Tls.trustManager(ca, admitted::contains, reason -> { }), Map.of("test", states.get(i)), p -> {
                    if (snapshotEvery > 0) { // snapshots often, small log segments purged at once
                        org.apache.ratis.server.RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, snapshotEvery);
                        org.apache.ratis.server.RaftServerConfigKeys.Log.setSegmentSizeMax(p,
                                org.apache.ratis.util.SizeInBytes.valueOf("2KB"));
                        org.apache.ratis.server.RaftServerConfigKeys.Log.setPurgeGap(p, 1);
                    }
                });
        e.start();
        engines[i] = e;
        return e;
    }

    private void startAll() throws IOException {
        for (int i = 0; i < 3; i++) {
            start(i, identities.get(i), authority.certificate());
        }
    }

    private int awaitLeader() {
        int[] leader = {-1};
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (int i = 0; i < 3; i++) {
                if (engines[i] != null && engines[i].leading()) {
                    leader[0] = i;
                    return true;
                }
            }
            return false;
        });
        return leader[0];
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void committedEntriesReachEveryMemberInOrder() throws IOException {
        startAll();
        int leader = awaitLeader();
        for (int k = 1; k <= 20; k++) {
            byte[] reply = engines[leader].append("test", bytes("entry " + k)).join();
            assertArrayEquals(bytes("applied " + k), reply, "what the leader's state returned comes back");
        }
        List<String> expected = java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(k -> "entry " + k).toList();
        for (int i = 0; i < 3; i++) {
            Recorded s = states.get(i);
            await().atMost(Duration.ofSeconds(10)).until(() -> s.applied.size() == 20);
            assertEquals(expected, s.applied);
        }
        int follower = (leader + 1) % 3;
        CompletionException e = assertThrows(CompletionException.class,
                () -> engines[follower].append("test", bytes("x")).join());
        NotLeaderException nl = assertInstanceOf(NotLeaderException.class, e.getCause());
        assertEquals(members.get(leader).id(), nl.leader().orElseThrow());
        assertEquals(members.stream().map(RaftEngine.Member::id).sorted().toList(), engines[leader].members());
        assertEquals(engines[leader].members(), engines[follower].members(), "a follower knows the same members");
    }

    @Test
    void aMemberCertifiedByAnotherAuthorityGetsNothing() throws IOException {
        Identity stranger = Certificates.authority("stranger");
        start(0, identities.get(0), authority.certificate());
        start(1, identities.get(1), authority.certificate());
        start(2, Certificates.issue(stranger, List.of("node3", "127.0.0.1")), stranger.certificate());
        int leader = awaitLeader();
        assertTrue(leader != 2, "the stranger cannot win an election");
        engines[leader].append("test", bytes("secret")).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> states.get(0).applied.contains("secret")
                && states.get(1).applied.contains("secret"));
        assertEquals(List.of(), states.get(2).applied);
    }

    @Test
    void losingTheLeaderKeepsEveryAcknowledgedEntry() throws IOException {
        startAll();
        int old = awaitLeader();
        for (int k = 1; k <= 10; k++) {
            engines[old].append("test", bytes("before " + k)).join();
        }
        engines[old].close();
        engines[old] = null;
        int leader = awaitLeader();
        assertTrue(leader != old);
        engines[leader].append("test", bytes("after")).join();
        assertEquals(11, states.get(leader).applied.size());
        assertEquals("before 10", states.get(leader).applied.get(9));
        // the old leader comes back on its log: catches up, applies nothing twice
        start(old, identities.get(old), authority.certificate());
        Recorded back = states.get(old);
        await().atMost(Duration.ofSeconds(20)).until(() -> back.applied.contains("after"));
        assertEquals(11, back.applied.size());
    }

    @Test
    void theMemberOfHigherPriorityLeadsAgainOnceBack() throws IOException {
        // member 2 is the master: priority 1
        RaftEngine.Member m = members.get(2);
        members.set(2, new RaftEngine.Member(m.id(), m.host(), m.port(), 1));
        startAll();
        await().atMost(Duration.ofSeconds(30)).until(() -> engines[2].leading());
        engines[2].append("test", bytes("before")).join();
        engines[2].close();
        engines[2] = null;
        int interim = awaitLeader();
        assertTrue(interim == 0 || interim == 1);
        engines[interim].append("test", bytes("while away")).join();
        start(2, identities.get(2), authority.certificate());
        // back and caught up, the master's member takes the leadership over from the interim leader
        await().atMost(Duration.ofSeconds(30)).until(() -> engines[2].leading() && !engines[interim].leading());
        engines[2].append("test", bytes("after")).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> states.get(interim).applied.size() == 3);
    }

    @Test
    void aMemberStartedEmptyJoinsWhenTheLeaderAddsIt() throws IOException {
        start(0, identities.get(0), authority.certificate(), members.subList(0, 1));
        assertEquals(0, awaitLeader());
        engines[0].append("test", bytes("alone")).join();
        start(1, identities.get(1), authority.certificate(), List.of());
        start(2, identities.get(2), authority.certificate(), List.of());
        engines[0].setMembers(members);
        assertEquals(members.stream().map(RaftEngine.Member::id).sorted().toList(), engines[0].members());
        engines[0].append("test", bytes("together")).join();
        for (int i = 1; i < 3; i++) {
            Recorded s = states.get(i);
            await().atMost(Duration.ofSeconds(10)).until(() -> s.applied.size() == 2);
            assertEquals(List.of("alone", "together"), s.applied);
        }
        assertTrue(engines[0].leading(), "the founder stays the leader");
    }

    @Test
    void aMemberTakenOutWhileItRunsClosesItselfAndJoinsAgainOnlyAsANewEngine() throws IOException {
        startAll();
        int leader = awaitLeader();
        int out = (leader + 1) % 3;
        engines[leader].append("test", bytes("three")).join();
        List<RaftEngine.Member> others = new ArrayList<>(members);
        others.remove(out);
        engines[leader].setMembers(others);
        // what the moves test met with a candidate taken offline: it hears of no leader any more, campaigns, is
        // told it is not in the group, and Ratis closes its division while the engine runs on
        RaftEngine taken = engines[out];
        await().atMost(Duration.ofSeconds(20)).until(() -> !taken.alive());
        assertTrue(engines[leader].alive());
        // what the consensus component does with it: a new engine over an empty storage, added by the leader
        taken.close();
        engines[out] = null;
        DataDirs.deleteTree(dir.resolve("n" + out));
        start(out, identities.get(out), authority.certificate(), List.of());
        engines[leader].setMembers(members);
        engines[leader].append("test", bytes("back")).join();
        Recorded s = states.get(out);
        await().atMost(Duration.ofSeconds(10)).until(() -> s.applied.contains("back"));
        assertTrue(engines[out].alive());
    }

    @Test
    void aFounderKilledBeforeItsFirstElectionFoundsAgainOverItsEmptyLog() throws IOException {
        // the storage exists, its log holds no configuration: what a member stopped before it ever led leaves
        start(0, identities.get(0), authority.certificate(), List.of()).close();
        engines[0] = null;
        RaftEngine e = start(0, identities.get(0), authority.certificate(), members.subList(0, 1));
        // appended at once: waits while the member reads its log and elects itself
        e.append("test", bytes("first")).join();
        assertEquals(List.of("first"), states.get(0).applied);
        assertTrue(e.leading());
    }

    @Test
    void theLeaderSeesAStoppedMemberFallBehindAndFallSilent() throws IOException {
        startAll();
        int leader = awaitLeader();
        int stopped = (leader + 1) % 3;
        engines[leader].append("test", bytes("all")).join();
        String name = members.get(stopped).id();
        await().atMost(Duration.ofSeconds(10)).until(() -> engines[leader].progress().stream()
                .allMatch(p -> p.commitIndex() == engines[leader].progress().get(0).commitIndex()));
        engines[stopped].close();
        engines[stopped] = null;
        for (int k = 0; k < 20; k++) {
            engines[leader].append("test", bytes("without " + k)).join();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> silent(engines[leader], name) > 2000);
        var progress = engines[leader].progress();
        assertEquals(3, progress.size(), "every member, the leader too: " + progress);
        long head = progress.stream().mapToLong(org.garnet.api.consensus.MemberProgress::commitIndex).max().orElse(0);
        var behind = progress.stream().filter(p -> p.member().equals(name)).findFirst().orElseThrow();
        assertTrue(head - behind.commitIndex() >= 20, "20 entries behind: " + progress);
        assertEquals(List.of(), engines[(leader + 2) % 3].progress(), "a follower does not know");
    }

    private static long silent(RaftEngine leader, String member) {
        return leader.progress().stream().filter(p -> p.member().equals(member)).mapToLong(
                org.garnet.api.consensus.MemberProgress::silentMillis).findFirst().orElse(0);
    }

    @Test
    void aMemberAddedAfterTheLogWasPurgedGetsTheSnapshot() throws IOException {
        snapshotEvery = 10;
        start(0, identities.get(0), authority.certificate(), members.subList(0, 1));
        assertEquals(0, awaitLeader());
        for (int k = 1; k <= 35; k++) {
            engines[0].append("test", bytes("entry " + k)).join();
        }
        Path sm = dir.resolve("n0").resolve(cluster.toString()).resolve("sm");
        await().atMost(Duration.ofSeconds(10)).until(() -> snapshots(sm) > 0);
        start(1, identities.get(1), authority.certificate(), List.of());
        start(2, identities.get(2), authority.certificate(), List.of());
        engines[0].setMembers(members);
        engines[0].append("test", bytes("together")).join();
        List<String> all = states.get(0).applied;
        for (int i = 1; i < 3; i++) {
            Recorded s = states.get(i);
            await().atMost(Duration.ofSeconds(20)).until(() -> s.applied.contains("together"));
            assertEquals(all, s.applied, "the snapshot, then the entries after it");
            // once at least: snapshots are written in the background, so the leader may register and purge past
            // a newer one while this member catches up, which then gets that one too
            assertTrue(s.restores >= 1, "caught up from a snapshot: the log's start was purged (" + s.restores + ")");
        }
        // a member restarted on its own log and snapshot applies nothing twice
        engines[1].close();
        engines[1] = null;
        start(1, identities.get(1), authority.certificate(), List.of());
        engines[0].append("test", bytes("after restart")).join();
        Recorded back = states.get(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> back.applied.contains("after restart"));
        assertEquals(states.get(0).applied, back.applied);
    }

    private static long snapshots(Path sm) throws IOException {
        if (!java.nio.file.Files.isDirectory(sm)) {
            return 0;
        }
        try (var files = java.nio.file.Files.list(sm)) {
            return files.filter(f -> f.getFileName().toString().matches("snapshot\\.\\d+_\\d+")).count();
        }
    }
}
