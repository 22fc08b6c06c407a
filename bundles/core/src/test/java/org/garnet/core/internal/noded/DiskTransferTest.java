package org.garnet.core.internal.noded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.garnet.api.GanetiException;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Node;
import org.garnet.api.storage.DiskTemplate;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.node.NodeCrypto;
import org.garnet.core.internal.node.Ssconf;
import org.garnet.core.internal.os.OsCatalog;
import org.garnet.core.internal.rpc.HttpsTransport;
import org.garnet.core.internal.rpc.NodeRpc;
import org.garnet.disk.file.internal.FileTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk data from one node daemon to another over their TLS (real daemons on 127.0.0.2 and 127.0.0.3, the master
 * on 127.0.0.1 driving them): what arrives is what was sent, whatever the compression; only the node expected
 * may send, and it may not call procedures; a receiver that is gone is an error naming it.
 */
class DiskTransferTest {
    private static final long MIB = 1 << 20;
    @TempDir
    Path dir;
    private NodeCrypto master;
    private int port;
    private final java.util.List<NodeDaemon> daemons = new java.util.ArrayList<>();
    private Node node2;
    private Node node3;
    private NodeRpc rpc;

    @BeforeEach
    void setUp() throws Exception {
        master = new NodeCrypto(Files.createDirectories(dir.resolve("master")));
        master.createCluster("cluster.example.com", "node1.example.com", List.of("127.0.0.1"));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        node2 = node("node2.example.com", "127.0.0.2");
        node3 = node("node3.example.com", "127.0.0.3");
        rpc = new NodeRpc(new HttpsTransport(dir.resolve("master"), port));
    }

    private Node node(String name, String ip) throws Exception {
        Path root = Files.createDirectories(dir.resolve(name));
        new NodeCrypto(root).install(master.authorityPem(), org.garnet.crypto.Pem.of(master.issue(name,
                List.of(ip))));
        new Ssconf(root).write(Map.of("master_candidates_certs", "m=" + master.fingerprint()));
        Drivers drivers = new Drivers(new OsCatalog(root.resolve("os")), List.of());
        drivers.bindDiskTemplate(new FileTemplate(), Map.of(DiskTemplate.TEMPLATE, "file"));
        NodeDaemon d = new NodeDaemon(new NodeProcedures(drivers, root, 10000), root, ip, port);
        d.restart();
        daemons.add(d);
        return new Node("u-" + name, name, 0, 0, 0, ip, ip, "g", true, false, false, true, true, true, Map.of(),
                Set.of());
    }

    @AfterEach
    void tearDown() {
        daemons.forEach(NodeDaemon::stop);
    }

    /** A file disk of {@code mib} MiB at {@code path}: random data, then zeros, then random data again. */
    private static Disk disk(Path path, long mib, boolean fill) throws Exception {
        Files.createDirectories(path.getParent());
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            f.setLength(mib * MIB);
            if (fill) {
                byte[] block = new byte[(int) MIB];
                Random r = new Random(42);
                for (long at : List.of(0L, mib * MIB - 3 * MIB, mib * MIB - MIB)) {
                    r.nextBytes(block);
                    f.seek(at);
                    f.write(block);
                }
                f.seek(mib / 2 * MIB + 17);
                f.write("text in the middle".getBytes());
            }
        }
        return new Disk("d-" + path.getFileName(), null, "file", mib, "rw", null, List.of("loop", path.toString()),
                List.of(), Map.of());
    }

    private static byte[] sha(Path p) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
    }

    private Map<String, Object> copy(Disk from, Disk to, String compress) {
        String id = rpc.at(node3).expectDiskData("file", to, compress, rpc.at(node2).certificateDigest());
        return rpc.at(node2).sendDiskData("file", from, compress, node3.secondaryIp(), id);
    }

    @Test
    void whatArrivesIsWhatWasSentWithEveryCompression() throws Exception {
        Path src = dir.resolve("node2.example.com/fs/inst/a.file.disk0");
        Disk from = disk(src, 16, true);
        for (String tool : List.of("none", "gzip", "gzip-fast", "gzip-slow", "zstd")) {
            Path dst = dir.resolve("node3.example.com/fs/inst/" + tool + ".file.disk0");
            Map<String, Object> r = copy(from, disk(dst, 16, false), tool);
            assertArrayEquals(sha(src), sha(dst), tool);
            assertEquals(16 * MIB, ((Number) r.get("bytes")).longValue(), tool);
            long sent = ((Number) r.get("sent")).longValue();
            assertTrue(tool.equals("none") ? sent == 16 * MIB : sent < 5 * MIB, tool + " sent " + sent);
        }
    }

    @Test
    void aGzipStreamIsWhatTheGzipToolReads() throws Exception {
        Path src = dir.resolve("node2.example.com/fs/inst/a.file.disk0");
        disk(src, 8, true);
        Path gz = dir.resolve("stream.gz");
        try (var out = Compression.compressing("gzip", Files.newOutputStream(gz))) {
            Files.copy(src, out);
        }
        Process p = new ProcessBuilder("gzip", "-d", "-c", gz.toString()).redirectOutput(dir.resolve("plain")
                .toFile()).start();
        assertEquals(0, p.waitFor());
        assertArrayEquals(sha(src), sha(dir.resolve("plain")));
    }

    @Test
    void zeroBlocksStaySparseOnTheReceiver() throws Exception {
        Path src = dir.resolve("node2.example.com/fs/inst/a.file.disk0");
        Disk from = disk(src, 64, true);
        Path dst = dir.resolve("node3.example.com/fs/inst/b.file.disk0");
        copy(from, disk(dst, 64, false), "gzip");
        Process stat = new ProcessBuilder("stat", "-c", "%b", dst.toString()).start();
        long blocks = Long.parseLong(new String(stat.getInputStream().readAllBytes()).strip());
        assertTrue(blocks * 512 < 8 * MIB, "allocated " + blocks * 512 + " bytes of 64 MiB");
        assertArrayEquals(sha(src), sha(dst));
    }

    @Test
    void onlyTheExpectedNodeMaySendAndItMayNotCallProcedures() throws Exception {
        Path src = dir.resolve("node2.example.com/fs/inst/a.file.disk0");
        Disk from = disk(src, 4, true);
        Path dst = dir.resolve("node3.example.com/fs/inst/b.file.disk0");
        Disk to = disk(dst, 4, false);
        // expected from the master's certificate: node2 is refused in the handshake
        String id = rpc.at(node3).expectDiskData("file", to, "none", master.fingerprint());
        GanetiException e = assertThrows(GanetiException.class, () -> rpc.at(node2).sendDiskData("file", from,
                "none", node3.secondaryIp(), id));
        assertTrue(e.getMessage().startsWith("Sending " + src + " to 127.0.0.3 failed"), e.getMessage());
        // node2 expected, but its certificate does not open the procedures
        String id2 = rpc.at(node3).expectDiskData("file", to, "none", rpc.at(node2).certificateDigest());
        NodeRpc asNode2 = new NodeRpc(new HttpsTransport(dir.resolve("node2.example.com"), port));
        GanetiException refused = assertThrows(GanetiException.class, () -> asNode2.at(node3).version());
        assertEquals("Only the master or a master candidate may call version", refused.getMessage());
        // an unknown id is refused with its reason; the real one still works afterwards
        GanetiException unknown = assertThrows(GanetiException.class, () -> rpc.at(node2).sendDiskData("file",
                from, "none", node3.secondaryIp(), "no-such-import"));
        assertTrue(unknown.getMessage().startsWith("Sending " + src + " to 127.0.0.3 failed"), unknown.getMessage());
        assertEquals("No import 'no-such-import' is expected on this node (unknown, used or expired)",
                rpc.at(node3).cancelDiskData("no-such-import"), "the receiver tells the master why");
        rpc.at(node2).sendDiskData("file", from, "none", node3.secondaryIp(), id2);
        assertArrayEquals(sha(src), sha(dst));
        GanetiException again = assertThrows(GanetiException.class, () -> rpc.at(node2).sendDiskData("file", from,
                "none", node3.secondaryIp(), id2));
        // an import is used once: node2, expected for nothing any more, is refused in the handshake
        assertTrue(again.getMessage().startsWith("Sending " + src + " to 127.0.0.3 failed"), again.getMessage());
    }

    @Test
    void aStreamLargerThanTheDiskIsRefused() throws Exception {
        Disk from = disk(dir.resolve("node2.example.com/fs/inst/a.file.disk0"), 8, true);
        Disk to = disk(dir.resolve("node3.example.com/fs/inst/b.file.disk0"), 4, false);
        String id = rpc.at(node3).expectDiskData("file", to, "gzip", rpc.at(node2).certificateDigest());
        assertThrows(GanetiException.class, () -> rpc.at(node2).sendDiskData("file", from, "gzip",
                node3.secondaryIp(), id));
        // the receiver tells the master why
        assertTrue(rpc.at(node3).cancelDiskData(id).endsWith("is larger than the disk (4194304 bytes)"));
    }

    @Test
    void aReceiverThatIsGoneIsAnErrorNamingIt() throws Exception {
        Disk from = disk(dir.resolve("node2.example.com/fs/inst/a.file.disk0"), 4, true);
        Disk to = disk(dir.resolve("node3.example.com/fs/inst/b.file.disk0"), 4, false);
        String id = rpc.at(node3).expectDiskData("file", to, "none", rpc.at(node2).certificateDigest());
        daemons.get(1).stop();
        GanetiException e = assertThrows(GanetiException.class, () -> rpc.at(node2).sendDiskData("file", from,
                "none", node3.secondaryIp(), id));
        assertTrue(e.getMessage().contains("to 127.0.0.3 failed"), e.getMessage());
    }
}
