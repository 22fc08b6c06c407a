package org.garnet.core.internal.lu.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import com.fasterxml.jackson.databind.JsonNode;
import org.garnet.api.hypervisor.Hypervisor;
import org.garnet.api.iallocator.IAllocator;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.api.storage.DiskTemplate;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.jobs.QueueAccess;
import org.garnet.core.internal.node.NodeCrypto;
import org.garnet.core.internal.node.SoftwareVersion;
import org.garnet.core.internal.node.Ssconf;
import org.garnet.core.internal.noded.NodeProcedures;
import org.garnet.core.internal.os.OsCatalog;
import org.garnet.core.internal.rpc.InProcessTransport;
import org.garnet.core.internal.rpc.NodeRpc;
import org.garnet.core.internal.rpc.Transport;
import org.garnet.disk.diskless.internal.DisklessTemplate;
import org.garnet.disk.file.internal.FileTemplate;
import org.garnet.hypervisor.fake.internal.FakeHypervisor;
import org.garnet.hypervisor.fake.internal.MemInfo;
import org.garnet.iallocator.hail.internal.HailAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover and migration between two nodes, each with its own fake hypervisor (its own run directory) and node
 * procedures, reached through node RPC in process: where the instance runs and what the configuration says.
 */
class RelocateTest {
    static final String N1 = "node1.example.com";
    static final String N2 = "node2.example.com";
    @TempDir
    Path dir;
    QueueAccess f;
    final Map<String, FakeHypervisor> hvs = new HashMap<>();
    /** Each node's drivers by its name. */
    final Map<String, Drivers> drivers = new HashMap<>();
    /** Each node's procedures by its address. */
    final Map<String, NodeProcedures> procedures = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        f = new QueueAccess(dir);
        Node n1 = f.store().byName(Node.class, N1).orElseThrow();
        f.store().add(new Node(UUID.randomUUID().toString(), N2, 0, 0, 0, "127.0.0.2", "127.0.0.2", n1.group(),
                true, false, false, true, true, null, Map.of(), Set.of()));
        Map<String, InProcessTransport> perNode = new HashMap<>();
        Drivers master = null;
        String clusterDir = f.store().cluster().orElseThrow().fileStorageDir();
        NodeCrypto authority = new NodeCrypto(Files.createDirectories(dir.resolve(N1)));
        authority.createCluster("cluster.example.com", N1, List.of("127.0.0.1"));
        new NodeCrypto(Files.createDirectories(dir.resolve(N2))).install(authority.authorityPem(),
                org.garnet.crypto.Pem.of(authority.issue(N2, List.of("127.0.0.2"))));
        for (String n : List.of(N1, N2)) {
            Path root = Files.createDirectories(dir.resolve(n));
            // each node keeps the cluster's file storage directory at a place of its own, as appliances do
            new Ssconf(root).write(Map.of("file_storage_dir", clusterDir));
            Drivers d = new Drivers(new OsCatalog(root.resolve("os")));
            drivers.put(n, d);
            FakeHypervisor hv = new FakeHypervisor(root.resolve("run"), MemInfo.proc());
            hvs.put(n, hv);
            d.bindHypervisor(hv, Map.of(Hypervisor.TYPE, "fake"));
            d.bindDiskTemplate(new FileTemplate(), Map.of(DiskTemplate.TEMPLATE, "file"));
            d.bindDiskTemplate(new DisklessTemplate(), Map.of(DiskTemplate.TEMPLATE, "diskless"));
            d.bindIAllocator(new HailAllocator(), Map.of(IAllocator.NAME, "hail"));
            NodeProcedures procs = new NodeProcedures(d, root, SoftwareVersion.number(),
                    root.resolve("file-storage").toString());
            procedures.put(n.equals(N1) ? "127.0.0.1" : "127.0.0.2", procs);
            perNode.put(n, new InProcessTransport(procs));
            master = master == null ? d : master;
        }
        // disk data between the nodes: through a pipe instead of the node daemons' TLS
        for (String n : List.of(N1, N2)) {
            String digest = new NodeCrypto(dir.resolve(n)).fingerprint();
            procedures.get(n.equals(N1) ? "127.0.0.1" : "127.0.0.2").streams().sender((host, id, body) -> {
                PipedInputStream in = new PipedInputStream(1 << 20);
                PipedOutputStream out = new PipedOutputStream(in);
                CompletableFuture<Map<String, Object>> r = CompletableFuture.supplyAsync(
                        () -> procedures.get(host).streams().receive(id, digest, in));
                try (out) {
                    body.writeTo(out);
                }
                try {
                    return r.join();
                } catch (java.util.concurrent.CompletionException e) {
                    throw new IOException(e.getCause().getMessage());
                }
            });
        }
        Transport routed = (Node node, String procedure, List<Object> args, Duration timeout) ->
                perNode.containsKey(node.name()) ? perNode.get(node.name()).call(node, procedure, args, timeout)
                        : CompletableFuture.<JsonNode>failedFuture(new IllegalStateException("no node " + node.name()));
        NodeRpc rpc = new NodeRpc(routed);
        f.add(new InstanceCreateOp(f.store(), master, rpc));
        f.add(new InstanceMigrateOp(f.store(), master, rpc));
        f.add(new InstanceFailoverOp(f.store(), master, rpc));
        f.add(new InstanceMoveOp(f.store(), master, rpc));
        f.add(new org.garnet.core.internal.lu.group.GroupEvacuateOp(f.store(), master, rpc));
        f.add(new InstanceShutdownOp(f.store(), master));
        f.add(new BackupExportOp(f.store(), master, rpc));
        f.add(new BackupQueryOp(f.store(), rpc));
        f.add(new BackupRemoveOp(f.store(), rpc));
        f.add(new InstanceRemoveOp(f.store(), master));
        f.add(new org.garnet.core.internal.lu.node.NodeMigrateOp(f.store()));
        f.add(new org.garnet.core.internal.lu.node.NodeEvacuateOp(f.store(), master, rpc));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private Job run(String op, Map<String, Object> params) {
        return f.awaitFinished(f.queue().submit(List.of(OpCode.of(op, params))));
    }

    private void create(String name, String template, boolean start) {
        Map<String, Object> p = new HashMap<>(Map.of("instance_name", name, "mode", "create", "disk_template",
                template, "disks", template.equals("diskless") ? List.of() : List.of(Map.of("size", 16)),
                "nics", List.of(Map.of()), "no_install", true, "start", start, "pnode", N1, "beparams",
                Map.of("memory", 128), "ignore_ipolicy", true));
        p.put("name_check", false);
        p.put("ip_check", false);
        Job j = run("OP_INSTANCE_CREATE", p);
        assertEquals(JobStatus.success, j.status(), String.valueOf(j.ops().get(0).result()));
    }

    private String primaryOf(String name) {
        Instance i = f.store().byName(Instance.class, name).orElseThrow();
        return f.store().get(Node.class, i.primaryNode()).orElseThrow().name();
    }

    private boolean runsOn(String node, String name) {
        return hvs.get(node).info(name).isPresent();
    }

    private static String log(Job j) {
        return String.join("\n", j.ops().get(0).log().stream().map(l -> l.message()).toList());
    }

    private static String error(Job j) {
        return String.valueOf(j.ops().get(0).result());
    }

    @Test
    void aMigrationOpensAndClosesTheDisksInGanetisOrderAndAFailoverClosesTheSource() {
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (String n : List.of(N1, N2)) {
            drivers.get(n).bindDiskTemplate(new org.garnet.disk.file.internal.SharedFileTemplate() {
                @Override
                public void open(org.garnet.api.model.Disk d, boolean exclusive) {
                    calls.add(n + " open " + (exclusive ? "exclusive" : "shared"));
                }

                @Override
                public void close(org.garnet.api.model.Disk d) {
                    calls.add(n + " close");
                }
            }, Map.of(DiskTemplate.TEMPLATE, "sharedfile"));
        }
        org.garnet.api.model.Cluster c = f.store().cluster().orElseThrow();
        f.store().update(org.garnet.api.model.Cluster.class, c.uuid(), x -> x.toBuilder().enabledDiskTemplates(
                List.of("file", "diskless", "sharedfile")).build());
        create("sf1.example.com", "sharedfile", true);
        assertTrue(!calls.isEmpty() && calls.stream().allMatch((N1 + " open exclusive")::equals),
                "started on its primary: opened there exclusively " + calls);
        calls.clear();

        Job m = run("OP_INSTANCE_MIGRATE", Map.of("instance_name", "sf1.example.com", "target_node", N2));
        assertEquals(JobStatus.success, m.status(), error(m));
        assertEquals(List.of(N2 + " close", N1 + " open shared", N2 + " open shared", N1 + " close",
                N2 + " open exclusive"), calls, "Ganeti's blockdev_open/close around a migration");
        assertTrue(log(m).contains("* closing instance disks on node " + N2 + "\n* opening instance disks on node "
                + N1 + " in shared mode\n* opening instance disks on node " + N2 + " in shared mode\n* preparing "
                + N2 + " to accept the instance"), log(m));
        assertTrue(log(m).contains("* memory transfer complete\n* closing instance disks on node " + N1
                + "\n* opening instance disks on node " + N2 + " in exclusive mode\n* done"), log(m));
        calls.clear();

        Job fo = run("OP_INSTANCE_FAILOVER", Map.of("instance_name", "sf1.example.com", "target_node", N1));
        assertEquals(JobStatus.success, fo.status(), error(fo));
        assertEquals(List.of(N2 + " close", N1 + " open exclusive"), calls, "closed on the source, opened on the "
                + "target by its start");
        assertTrue(runsOn(N1, "sf1.example.com") && !runsOn(N2, "sf1.example.com"));
    }

    @Test
    void aRunningInstanceMigratesToTheTargetAndFailsOverBack() {
        create("inst1.example.com", "diskless", true);
        assertTrue(runsOn(N1, "inst1.example.com"));

        Job m = run("OP_INSTANCE_MIGRATE", Map.of("instance_name", "inst1.example.com", "target_node", N2));
        assertEquals(JobStatus.success, m.status(), error(m));
        assertEquals(N2, primaryOf("inst1.example.com"));
        assertTrue(runsOn(N2, "inst1.example.com"), "runs on the target");
        assertTrue(!runsOn(N1, "inst1.example.com"), "no longer on the source");
        assertTrue(log(m).contains("* preparing " + N2 + " to accept the instance\n* migrating instance to " + N2
                + "\n* starting memory transfer\n* memory transfer complete\n* closing instance disks on node " + N1
                + "\n* opening instance disks on node " + N2 + " in exclusive mode\n* done"), log(m));

        Job fo = run("OP_INSTANCE_FAILOVER", Map.of("instance_name", "inst1.example.com", "target_node", N1));
        assertEquals(JobStatus.success, fo.status(), error(fo));
        assertEquals(N1, primaryOf("inst1.example.com"));
        assertTrue(runsOn(N1, "inst1.example.com") && !runsOn(N2, "inst1.example.com"));
        assertTrue(log(fo).contains("* shutting down instance on source node"), log(fo));
        assertTrue(log(fo).contains("* starting the instance on the target node " + N1), log(fo));
    }

    @Test
    @SuppressWarnings("unchecked")
    void nodeMigrateSubmitsOneMigrationJobPerPrimaryInstance() {
        create("inst1.example.com", "diskless", true);
        create("inst2.example.com", "diskless", true);
        Job n = run("OP_NODE_MIGRATE", Map.of("node_name", N1, "mode", "non-live"));
        assertEquals(JobStatus.success, n.status(), error(n));
        List<List<Object>> jobs = (List<List<Object>>) ((Map<String, Object>) n.ops().get(0).result()).get("jobs");
        assertEquals(2, jobs.size(), String.valueOf(jobs));
        for (List<Object> j : jobs) {
            assertEquals(true, j.get(0));
            Job m = f.awaitFinished(((Number) j.get(1)).longValue());
            assertEquals(JobStatus.success, m.status(), error(m));
            assertEquals("non-live", m.ops().get(0).input().params().get("mode"));
        }
        for (String i : List.of("inst1.example.com", "inst2.example.com")) {
            assertEquals(N2, primaryOf(i));
            assertTrue(runsOn(N2, i) && !runsOn(N1, i), i);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void nodeEvacuateMovesThePrimaryInstancesWhereTheAllocatorSays() {
        create("inst1.example.com", "diskless", true);
        create("inst2.example.com", "diskless", false);
        Job all = run("OP_NODE_EVACUATE", Map.of("node_name", N1, "mode", "all", "iallocator", "hail"));
        assertTrue(error(all).contains("it is not possible to evacuate all instances at once"), error(all));
        Job e = run("OP_NODE_EVACUATE", Map.of("node_name", N1, "mode", "primary-only", "iallocator", "hail"));
        assertEquals(JobStatus.success, e.status(), error(e));
        assertTrue(log(e).contains("Evacuating instances from node '" + N1 + "': inst1.example.com, "
                + "inst2.example.com"), log(e));
        assertTrue(log(e).contains("Instances to be moved: inst1.example.com (to " + N2 + ")"), log(e));
        List<List<Object>> jobs = (List<List<Object>>) ((Map<String, Object>) e.ops().get(0).result()).get("jobs");
        assertEquals(2, jobs.size(), String.valueOf(jobs));
        for (List<Object> j : jobs) {
            Job m = f.awaitFinished(((Number) j.get(1)).longValue());
            assertEquals(JobStatus.success, m.status(), error(m));
        }
        assertEquals(N2, primaryOf("inst1.example.com"));
        assertEquals(N2, primaryOf("inst2.example.com"));
        assertTrue(runsOn(N2, "inst1.example.com") && !runsOn(N1, "inst1.example.com"));
        assertTrue(!runsOn(N2, "inst2.example.com"), "the stopped one stays stopped");
        Job none = run("OP_NODE_EVACUATE", Map.of("node_name", N1, "mode", "primary-only", "iallocator", "hail"));
        assertTrue(log(none).contains("No instances to evacuate from node '" + N1 + "'"), log(none));
    }

    @Test
    void aTargetInAnotherGroupMustMeetItsPolicy() {
        create("inst1.example.com", "diskless", true);
        org.garnet.api.model.NodeGroup other = f.store().add(new org.garnet.api.model.NodeGroup(
                UUID.randomUUID().toString(), "other", 0, 0, 0, "preferred", Map.of(), Map.of(),
                org.garnet.api.model.InstancePolicy.defaults(List.of("file")), List.of(), Set.of()));
        f.store().update(Node.class, f.store().byName(Node.class, N2).orElseThrow().uuid(), n -> new Node(n.uuid(),
                n.name(), n.serialNo(), n.ctime(), n.mtime(), n.primaryIp(), n.secondaryIp(), other.uuid(),
                n.masterCandidate(), n.drained(), n.offline(), n.masterCapable(), n.vmCapable(), n.powered(),
                n.ndparams(), n.tags()));
        Job refused = run("OP_INSTANCE_MIGRATE", Map.of("instance_name", "inst1.example.com", "target_node", N2));
        assertTrue(error(refused).contains("Instance does not meet target node group's (other"
                + ") instance policy: "), error(refused));
        assertEquals(N1, primaryOf("inst1.example.com"));
        Job ignored = run("OP_INSTANCE_MIGRATE", Map.of("instance_name", "inst1.example.com", "target_node", N2,
                "ignore_ipolicy", true));
        assertEquals(JobStatus.success, ignored.status(), error(ignored));
        assertTrue(log(ignored).contains("WARNING: Instance does not meet target node group's"), log(ignored));
        assertEquals(N2, primaryOf("inst1.example.com"));
    }

    @Test
    void theAllocatorChoosesTheTargetWhenNoneIsGiven() {
        create("inst1.example.com", "diskless", true);
        Job m = run("OP_INSTANCE_MIGRATE", Map.of("instance_name", "inst1.example.com", "iallocator", "hail"));
        assertEquals(JobStatus.success, m.status(), error(m));
        assertEquals(N2, primaryOf("inst1.example.com"));
        assertTrue(log(m).contains("Selected nodes for instance inst1.example.com via iallocator hail: " + N2),
                log(m));
    }

    @Test
    void aStoppedInstanceFailsOverStoppedAndIsNotMigrated() {
        create("inst1.example.com", "diskless", false);
        Job m = run("OP_INSTANCE_MIGRATE", Map.of("instance_name", "inst1.example.com", "target_node", N2));
        assertEquals(JobStatus.error, m.status());
        assertTrue(error(m).contains("Can't migrate, please use failover: Instance inst1.example.com is not "
                + "running"), error(m));
        assertTrue(error(m).contains("ECODE_STATE") || error(m).contains("wrong_state"), error(m));
        assertEquals(N1, primaryOf("inst1.example.com"));

        Job fallback = run("OP_INSTANCE_MIGRATE", Map.of("instance_name", "inst1.example.com", "target_node", N2,
                "allow_failover", true));
        assertEquals(JobStatus.success, fallback.status(), error(fallback));
        assertTrue(log(fallback).contains("switching to failover"), log(fallback));
        assertEquals(N2, primaryOf("inst1.example.com"));
        assertTrue(!runsOn(N2, "inst1.example.com") && !runsOn(N1, "inst1.example.com"), "still stopped");
    }

    @Test
    void ganetisRefusals() {
        create("file1.example.com", "file", true);
        Job m = run("OP_INSTANCE_MIGRATE", Map.of("instance_name", "file1.example.com", "target_node", N2));
        assertTrue(error(m).contains("Instance's disk layout 'file' does not allow migrations"), error(m));
        Job fo = run("OP_INSTANCE_FAILOVER", Map.of("instance_name", "file1.example.com", "target_node", N2));
        assertTrue(error(fo).contains("Instance's disk layout 'file' does not allow failovers"), error(fo));

        create("inst1.example.com", "diskless", true);
        Job self = run("OP_INSTANCE_MIGRATE", Map.of("instance_name", "inst1.example.com", "target_node", N1));
        assertTrue(error(self).contains("Cannot migrate instance inst1.example.com to its primary (" + N1 + ")"),
                error(self));
        Job unknown = run("OP_INSTANCE_MIGRATE", Map.of("instance_name", "inst1.example.com", "target_node",
                "node9.example.com"));
        assertTrue(error(unknown).contains("Node 'node9.example.com' not known"), error(unknown));
        Job both = run("OP_INSTANCE_MIGRATE", Map.of("instance_name", "inst1.example.com", "target_node", N2,
                "iallocator", "hail"));
        assertTrue(error(both).contains("Do not specify both, iallocator and node"), error(both));
        Job greedy = run("OP_INSTANCE_MIGRATE", Map.of("instance_name", "inst1.example.com", "target_node", N2,
                "live", true, "mode", "live"));
        assertTrue(error(greedy).contains("Only one of the 'live' and 'mode' parameters are accepted"),
                error(greedy));
        f.store().update(Node.class, f.store().byName(Node.class, N2).orElseThrow().uuid(), n -> new Node(n.uuid(),
                n.name(), n.serialNo(), n.ctime(), n.mtime(), n.primaryIp(), n.secondaryIp(), n.group(),
                n.masterCandidate(), true, n.offline(), n.masterCapable(), n.vmCapable(), n.powered(), n.ndparams(),
                n.tags()));
        Job drained = run("OP_INSTANCE_MIGRATE", Map.of("instance_name", "inst1.example.com", "target_node", N2));
        assertTrue(error(drained).contains("Can't use drained node " + N2), error(drained));
        assertEquals(N1, primaryOf("inst1.example.com"));
        assertTrue(runsOn(N1, "inst1.example.com") && !runsOn(N2, "inst1.example.com"), "nothing moved");
    }

    @Test
    void cleanupAfterAnInterruptedMigrationLeavesItRunningInOnePlace() {
        create("inst1.example.com", "diskless", true);
        // as if a migration stopped after the target took the instance, before the source let it go
        hvs.get(N2).finalizeMigrationTarget(hvInstance("inst1.example.com"), "", true);
        assertTrue(runsOn(N1, "inst1.example.com") && runsOn(N2, "inst1.example.com"));
        Job c = run("OP_INSTANCE_MIGRATE", Map.of("instance_name", "inst1.example.com", "target_node", N2,
                "cleanup", true));
        assertEquals(JobStatus.success, c.status(), error(c));
        assertTrue(log(c).contains("Trying to cleanup after failed migration"), log(c));
        assertTrue(log(c).contains("* instance confirmed to be running on its primary node (" + N1 + ")"), log(c));
        assertTrue(runsOn(N1, "inst1.example.com") && !runsOn(N2, "inst1.example.com"));
        assertEquals(N1, primaryOf("inst1.example.com"));

        // the instance went over but the configuration did not follow: the cleanup records where it runs
        hvs.get(N2).finalizeMigrationTarget(hvInstance("inst1.example.com"), "", true);
        hvs.get(N1).finalizeMigrationSource(hvInstance("inst1.example.com"), true, true);
        Job c2 = run("OP_INSTANCE_MIGRATE", Map.of("instance_name", "inst1.example.com", "target_node", N2,
                "cleanup", true));
        assertEquals(JobStatus.success, c2.status(), error(c2));
        assertTrue(log(c2).contains("* instance running on secondary node (" + N2 + "), updating config"), log(c2));
        assertEquals(N2, primaryOf("inst1.example.com"));
    }

    private org.garnet.api.hypervisor.HvInstance hvInstance(String name) {
        return new org.garnet.api.hypervisor.HvInstance(f.store().byName(Instance.class, name).orElseThrow(),
                Map.of(), Map.of("memory", 128), List.of());
    }

    private Path diskFile(String name) {
        return Path.of(f.store().byName(Instance.class, name).orElseThrow().disks().get(0).logicalId().get(1));
    }

    /**
     * gnt-backup export of a running file instance to the other node (refused without --long-sleep, as Ganeti
     * does for disks that cannot be snapshotted), list, import under a new name onto the first node with the data
     * compared, a second export replacing the first, remove.
     */
    @Test
    @SuppressWarnings("unchecked")
    void anExportHoldsTheDataAndImportsBack() throws IOException {
        create("inst1.example.com", "file", true);
        byte[] data = new byte[2 << 20];
        new java.util.Random(11).nextBytes(data);
        Files.write(diskFile("inst1.example.com"), data, java.nio.file.StandardOpenOption.WRITE);
        Job none = run("OP_BACKUP_QUERY", Map.of());
        assertEquals(Map.of(N1, false, N2, false), none.ops().get(0).result(), "no export directory yet");

        Job live = run("OP_BACKUP_EXPORT", Map.of("instance_name", "inst1.example.com", "target_node", N2,
                "shutdown", false));
        assertTrue(error(live).contains("Not all disks could be snapshotted, and you requested a live export; "
                + "aborting"), error(live));
        Job noSleep = run("OP_BACKUP_EXPORT", Map.of("instance_name", "inst1.example.com", "target_node", N2));
        assertTrue(error(noSleep).contains("through the --long-sleep option; aborting"), error(noSleep));
        assertTrue(runsOn(N1, "inst1.example.com"), "the refusals left it running");

        Job e = run("OP_BACKUP_EXPORT", Map.of("instance_name", "inst1.example.com", "target_node", N2,
                "long_sleep", true, "compress", "gzip"));
        assertEquals(JobStatus.success, e.status(), error(e));
        assertEquals(List.of(true, List.of(true)), e.ops().get(0).result());
        assertTrue(log(e).contains("Shutting down instance inst1.example.com\nExporting disk/0 from " + N1 + " to "
                + N2), log(e));
        assertTrue(log(e).contains("Starting instance inst1.example.com\nFinalizing export on " + N2), log(e));
        assertTrue(runsOn(N1, "inst1.example.com"), "running again after the export");
        Path export = dir.resolve(N2).resolve("srv/ganeti/export/inst1.example.com");
        String conf = Files.readString(export.resolve("config.ini"));
        assertTrue(conf.startsWith("[export]\nversion = 0\n"), conf);
        assertTrue(conf.contains("\n[instance]\nname = inst1.example.com\nmaxmem = 128\n"), conf);
        assertTrue(conf.contains("\ndisk0_ivname = disk/0\n") && conf.contains("\ndisk0_size = 16\n"), conf);
        Instance orig = f.store().byName(Instance.class, "inst1.example.com").orElseThrow();
        byte[] dump = Files.readAllBytes(export.resolve(orig.disks().get(0).uuid()));
        assertEquals(16L << 20, dump.length);
        assertTrue(java.util.Arrays.equals(data, java.util.Arrays.copyOf(dump, data.length)), "the dump holds the data");
        assertTrue(!Files.exists(export.resolveSibling("inst1.example.com.new")));

        Job list = run("OP_BACKUP_QUERY", Map.of("nodes", List.of(N2)));
        assertEquals(Map.of(N2, List.of("inst1.example.com")), list.ops().get(0).result());

        Map<String, Object> imp = new HashMap<>(Map.of("instance_name", "inst2.example.com", "mode", "import",
                "disk_template", "file", "disks", List.of(), "nics", List.of(Map.of()), "pnode", N1, "src_path",
                "inst1.example.com", "start", false, "ignore_ipolicy", true, "name_check", false));
        imp.put("ip_check", false);
        Job sameMac = run("OP_INSTANCE_CREATE", new HashMap<>(Map.of("instance_name", "inst2.example.com", "mode",
                "import", "disk_template", "file", "disks", List.of(), "nics", List.of(), "pnode", N1,
                "src_path", "inst1.example.com", "name_check", false, "ip_check", false, "ignore_ipolicy", true)));
        assertTrue(error(sameMac).contains("MAC address " + f.store().byName(Instance.class, "inst1.example.com")
                .orElseThrow().nics().get(0).mac() + " already in use in cluster"), "the export's NICs, as "
                + "Ganeti takes them: " + error(sameMac));
        Job i = run("OP_INSTANCE_CREATE", imp);
        assertEquals(JobStatus.success, i.status(), error(i));
        assertTrue(log(i).contains("* running the instance OS import scripts...\nExporting disk/0 from " + N2
                + " to " + N1), log(i));
        Instance copy = f.store().byName(Instance.class, "inst2.example.com").orElseThrow();
        assertEquals(16, copy.disks().get(0).size());
        assertEquals(orig.nics().size(), copy.nics().size());
        assertTrue(!orig.nics().get(0).mac().equals(copy.nics().get(0).mac()), "a new name gets a new MAC");
        byte[] back = Files.readAllBytes(diskFile("inst2.example.com"));
        assertTrue(java.util.Arrays.equals(data, java.util.Arrays.copyOf(back, data.length)), "imported data");

        // a second export (to the first node) replaces the one on the second
        Job again = run("OP_BACKUP_EXPORT", Map.of("instance_name", "inst1.example.com", "target_node", N1,
                "long_sleep", true));
        assertEquals(JobStatus.success, again.status(), error(again));
        assertTrue(log(again).contains("Removing old exports for instance inst1.example.com"), log(again));
        assertEquals(Map.of(N1, List.of("inst1.example.com"), N2, List.of()),
                run("OP_BACKUP_QUERY", Map.of()).ops().get(0).result());

        Job missing = run("OP_INSTANCE_CREATE", new HashMap<>(Map.of("instance_name", "inst3.example.com", "mode",
                "import", "disks", List.of(), "nics", List.of(), "pnode", N1, "src_path", "nosuch.example.com",
                "name_check", false, "ip_check", false)));
        assertTrue(error(missing).contains("No export found for relative path nosuch.example.com"), error(missing));

        // an instance exported and removed keeps its export until gnt-backup remove
        Job gone = run("OP_BACKUP_EXPORT", Map.of("instance_name", "inst1.example.com", "target_node", N1,
                "remove_instance", true));
        assertEquals(JobStatus.success, gone.status(), error(gone));
        assertTrue(f.store().byName(Instance.class, "inst1.example.com").isEmpty(), "removed after the export");
        assertTrue(!runsOn(N1, "inst1.example.com"));
        Job rm = run("OP_BACKUP_REMOVE", Map.of("instance_name", "inst1.example.com"));
        assertEquals(JobStatus.success, rm.status(), error(rm));
        assertEquals(Map.of(N1, List.of(), N2, List.of()), run("OP_BACKUP_QUERY", Map.of()).ops().get(0).result());
        Job rmAgain = run("OP_BACKUP_REMOVE", Map.of("instance_name", "inst1"));
        assertTrue(log(rmAgain).contains("Export not found. If trying to remove an export belonging to a deleted "
                + "instance please use its Fully Qualified Domain Name."), log(rmAgain));
    }

    @Test
    void aFileInstanceMovesWithItsDataAndStartsOnTheTarget() throws IOException {
        create("inst1.example.com", "file", true);
        Path before = diskFile("inst1.example.com");
        byte[] data = new byte[3 << 20];
        new java.util.Random(7).nextBytes(data);
        Files.write(before, data, java.nio.file.StandardOpenOption.WRITE);

        Job m = run("OP_INSTANCE_MOVE", Map.of("instance_name", "inst1.example.com", "target_node", N2,
                "compress", "gzip", "ignore_ipolicy", true));
        assertEquals(JobStatus.success, m.status(), error(m));
        assertEquals(N2, primaryOf("inst1.example.com"));
        assertTrue(runsOn(N2, "inst1.example.com") && !runsOn(N1, "inst1.example.com"), "runs on the target only");
        Path after = diskFile("inst1.example.com");
        assertTrue(after.startsWith(dir.resolve(N2)), "the disk is " + after);
        assertEquals(16L << 20, Files.size(after));
        assertTrue(java.util.Arrays.equals(data, java.util.Arrays.copyOf(Files.readAllBytes(after), data.length)),
                "the data came along");
        assertTrue(!Files.exists(before), "the source's disk is removed");
        assertTrue(log(m).contains(" - INFO: Shutting down instance inst1.example.com on source node " + N1
                + "\nExporting disk/0 from " + N1 + " to " + N2 + "\ndisk/0 is now listening, starting export"),
                log(m));
        assertTrue(log(m).contains("disk/0 finished receiving data\n - INFO: Removing the disks on the original "
                + "node\n - INFO: Starting instance inst1.example.com on node " + N2), log(m));
        Instance i = f.store().byName(Instance.class, "inst1.example.com").orElseThrow();
        assertEquals(List.of(i.primaryNode()), i.disks().get(0).nodes());
    }

    @Test
    void aFailedCopyLeavesTheInstanceRunningWhereItWas() {
        create("inst1.example.com", "file", true);
        Path before = diskFile("inst1.example.com");
        procedures.get("127.0.0.1").streams().sender((host, id, body) -> {
            throw new IOException("Connection reset");
        });
        Job m = run("OP_INSTANCE_MOVE", Map.of("instance_name", "inst1.example.com", "target_node", N2,
                "ignore_ipolicy", true));
        assertEquals(JobStatus.error, m.status());
        assertTrue(error(m).contains("Errors during disk copy: Failed to transfer instance data: Sending " + before
                + " to 127.0.0.2 failed: Connection reset"), error(m));
        assertEquals(N1, primaryOf("inst1.example.com"));
        assertTrue(runsOn(N1, "inst1.example.com") && !runsOn(N2, "inst1.example.com"));
        assertTrue(Files.exists(before));
        assertTrue(!Files.exists(dir.resolve(N2).resolve("file-storage/inst1.example.com")), "nothing left on "
                + "the target");
        assertTrue(log(m).contains(" - WARNING: Some disks failed to copy, aborting"), log(m));
    }

    @Test
    void moveRefusals() {
        create("inst1.example.com", "file", false);
        Job same = run("OP_INSTANCE_MOVE", Map.of("instance_name", "inst1.example.com", "target_node", N1));
        assertTrue(error(same).contains("Instance inst1.example.com is already on the node " + N1), error(same));
        Job tool = run("OP_INSTANCE_MOVE", Map.of("instance_name", "inst1.example.com", "target_node", N2,
                "compress", "lzop"));
        assertTrue(error(tool).contains("Compression tool not allowed, tools allowed are [gzip, gzip-fast, "
                + "gzip-slow]"), error(tool));
        Job migrate = run("OP_INSTANCE_MIGRATE", Map.of("instance_name", "inst1.example.com", "target_node", N2));
        assertTrue(error(migrate).contains("Instance's disk layout 'file' does not allow migrations"),
                error(migrate));
        Job policy = run("OP_INSTANCE_MOVE", Map.of("instance_name", "inst1.example.com", "target_node", N2));
        assertTrue(error(policy).contains("Instance does not meet target node group's (default) instance policy: "
                + "disk-size/0 value 16 is not in range [1024, 1048576]"), error(policy));
        // a stopped instance moves without a memory check and stays stopped
        Job m = run("OP_INSTANCE_MOVE", Map.of("instance_name", "inst1.example.com", "target_node", N2,
                "ignore_ipolicy", true));
        assertEquals(JobStatus.success, m.status(), error(m));
        assertTrue(log(m).contains(" - INFO: Not checking memory on the secondary node as instance will not be "
                + "started"), log(m));
        assertTrue(!runsOn(N2, "inst1.example.com"));
    }

    /**
     * gnt-group evacuate with two nodes in process: the other group has one node only, where hail (as Ganeti's)
     * finds no place that keeps N+1 redundancy and the instances stay; with the capacity check off (the cluster's
     * default iallocator params, as the appliance sets them) the instance is moved there by a job of its own.
     */
    @Test
    @SuppressWarnings("unchecked")
    void groupEvacuateAsksTheAllocatorForTheOtherGroups() {
        create("inst1.example.com", "diskless", true);
        org.garnet.api.model.NodeGroup other = f.store().add(new org.garnet.api.model.NodeGroup(
                UUID.randomUUID().toString(), "other", 0, 0, 0, "preferred", Map.of(), Map.of(),
                org.garnet.api.model.InstancePolicy.defaults(List.of("file", "diskless")), List.of(), Set.of()));
        f.store().update(Node.class, f.store().byName(Node.class, N2).orElseThrow().uuid(), n -> new Node(n.uuid(),
                n.name(), n.serialNo(), n.ctime(), n.mtime(), n.primaryIp(), n.secondaryIp(), other.uuid(),
                n.masterCandidate(), n.drained(), n.offline(), n.masterCapable(), n.vmCapable(), n.powered(),
                n.ndparams(), n.tags()));
        Job self = run("OP_GROUP_EVACUATE", Map.of("group_name", "default", "target_groups", List.of("default")));
        assertTrue(error(self).contains("Group to be evacuated (" + f.store().byName(org.garnet.api.model.NodeGroup
                .class, "default").orElseThrow().uuid() + ") can not be used as a target group"), error(self));
        Job unknown = run("OP_GROUP_EVACUATE", Map.of("group_name", "nosuch"));
        assertTrue(error(unknown).contains("Group 'nosuch' not found"), error(unknown));
        Job e = run("OP_GROUP_EVACUATE", Map.of("group_name", "default", "iallocator", "hail"));
        assertTrue(error(e).contains("Unable to evacuate instances inst1.example.com (Group other (preferred): No "
                + "valid allocation solutions, failure reasons: FailN1: 1)"), error(e));
        assertEquals(N1, primaryOf("inst1.example.com"));
        assertEquals(JobStatus.success, run("OP_CLUSTER_SET_PARAMS", Map.of(
                "default_iallocator_params", Map.of("no-capacity-checks", true))).status());
        Job ok = run("OP_GROUP_EVACUATE", Map.of("group_name", "default", "iallocator", "hail"));
        assertEquals(JobStatus.success, ok.status(), error(ok));
        assertTrue(log(ok).contains(" - INFO: Instances to be moved: inst1.example.com (to other)"), log(ok));
        List<List<Object>> jobs = (List<List<Object>>) ((Map<String, Object>) ok.ops().get(0).result()).get("jobs");
        assertEquals(1, jobs.size(), String.valueOf(jobs));
        Job moved = f.awaitFinished(((Number) jobs.get(0).get(1)).longValue());
        assertEquals(JobStatus.success, moved.status(), error(moved));
        assertEquals(N2, primaryOf("inst1.example.com"));
        assertTrue(runsOn(N2, "inst1.example.com") && !runsOn(N1, "inst1.example.com"));
        Job none = run("OP_GROUP_EVACUATE", Map.of("group_name", "default", "iallocator", "hail"));
        assertEquals(JobStatus.success, none.status(), error(none));
        assertTrue(log(none).contains("Iallocator returned 0 job(s) for evacuating node group default"), log(none));
    }

    @Test
    void forceFailoverTurnsAMigrationIntoTheSameFailover() {
        OpCode m = OpCode.of("OP_INSTANCE_MIGRATE", Map.of("instance_name", "i1", "target_node", N2, "live", true,
                "cleanup", false));
        OpCode fo = org.garnet.core.internal.lu.group.GroupEvacuateOp.toFailover(m);
        assertEquals("OP_INSTANCE_FAILOVER", fo.opId());
        assertEquals(Map.of("instance_name", "i1", "target_node", N2, "cleanup", false), fo.params());
    }
}
