package org.garnet.core.internal.lu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.garnet.api.consensus.ReplicatedLog;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.OpCode;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.jobs.QueueAccess;
import org.garnet.core.internal.os.OsCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gnt-cluster verify} on the leader of the candidates' Raft group reports a master candidate that is not a
 * member of it; on a node that does not lead, or with every candidate a member, it says nothing.
 */
class VerifyRaftGroupTest {
    /** The group as the consensus bundle would report it. */
    record Group(boolean leading, List<String> members) implements ReplicatedLog {
        @Override
        public CompletableFuture<byte[]> append(String state, byte[] entry) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> leader() {
            return Optional.empty();
        }

        @Override
        public void lead(java.time.Duration timeout) {
            throw new UnsupportedOperationException();
        }
    }

    @TempDir
    Path dir;
    QueueAccess f;
    ClusterVerifyConfigOp op;

    @BeforeEach
    void setUp() {
        f = new QueueAccess(dir);
        op = new ClusterVerifyConfigOp(f.store(), new Drivers(new OsCatalog(dir.resolve("os"))));
        f.add(op);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private List<String> errors(ReplicatedLog group) {
        op.replicatedLog = group;
        Job j = f.awaitFinished(f.queue().submit(List.of(OpCode.of("OP_CLUSTER_VERIFY_CONFIG", Map.of()))));
        return j.ops().get(0).log().stream().map(l -> String.valueOf(l.message())).filter(m -> m.contains("ERROR"))
                .toList();
    }

    @Test
    void aCandidateOutsideTheGroupIsReported() {
        List<String> errors = errors(new Group(true, List.of()));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("ERROR: node node1.example.com: master candidate is not a member of the "
                + "candidates' Raft group"), errors.get(0));
    }

    @Test
    void nothingToSayWhenAllAreMembersOrThisNodeDoesNotLead() {
        assertEquals(List.of(), errors(new Group(true, List.of("node1.example.com"))));
        assertEquals(List.of(), errors(new Group(false, List.of())));
        assertFalse(errors(null).stream().anyMatch(e -> e.contains("Raft")));
    }
}
