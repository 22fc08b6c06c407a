package org.garnet.core.internal.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.garnet.api.GanetiException;
import org.garnet.api.model.Node;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.jobs.QueueAccess;
import org.garnet.core.internal.noded.NodeProcedures;
import org.garnet.core.internal.os.OsCatalog;
import org.garnet.core.internal.rpc.InProcessTransport;
import org.garnet.core.internal.rpc.NodeRpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The master's RAPI users file reaches the other nodes through their node daemons' {@code upload_file}
 * (compressed, written aside and renamed, mode 0600), again once it changes; the daemon writes nothing outside
 * Ganeti's list of such files.
 */
class AncillaryFilesTest {
    @TempDir
    Path dir;

    @Test
    void theRapiUsersGoToEveryOtherNodeAndFollowChanges() throws Exception {
        Path other = dir.resolve("node2");
        NodeProcedures node2 = new NodeProcedures(new Drivers(new OsCatalog(other.resolve("os")), List.of()), other, 1);
        try (QueueAccess f = new QueueAccess(dir.resolve("master"))) {
            String group = f.store().byName(Node.class, "node1.example.com").orElseThrow().group();
            f.store().add(new Node(UUID.randomUUID().toString(), "node2.example.com", 0, 0, 0, "127.0.0.1",
                    "127.0.0.1", group, false, false, false, true, true, null, Map.of(), Set.of()));
            InProcessTransport toNode2 = new InProcessTransport(node2);
            NodeRpc rpc = new NodeRpc((node, procedure, args, timeout) -> node.name().equals("node2.example.com")
                    ? toNode2.call(node, procedure, args, timeout)
                    : java.util.concurrent.CompletableFuture.completedFuture(
                            com.fasterxml.jackson.databind.node.NullNode.getInstance()));
            Path users = dir.resolve("master").resolve("rapi/users");
            Files.createDirectories(users.getParent());
            Files.writeString(users, "garnet secret read,write\n");
            ClusterPush push = new ClusterPush(f.store(), rpc, dir.resolve("master"), Duration.ofSeconds(5),
                    "node1.example.com");
            try {
                push.catchUp();
                Path copy = other.resolve("rapi/users");
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(copy));
                assertEquals("garnet secret read,write\n", Files.readString(copy));
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
                Files.writeString(users, "garnet other read\n");
                push.catchUp();
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(copy)
                        .equals("garnet other read\n"));
                assertFalse(Files.exists(dir.resolve("master").resolve("rapi/.users.upload")));
            } finally {
                push.deactivate();
            }
        }
    }

    @Test
    void onlyGanetisListMayBeWritten() {
        AncillaryFiles files = new AncillaryFiles(dir);
        GanetiException e = assertThrows(GanetiException.class, () -> files.write("/etc/passwd", 0, "x", 0644));
        assertTrue(e.getMessage().contains("not in allowed upload targets: '/etc/passwd'"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("etc")));
        files.write(AncillaryFiles.RAPI_USERS, 1, AncillaryFiles.encode("u p read\n".getBytes()), 0600);
        assertTrue(Files.exists(dir.resolve("rapi/users")));
    }
}
