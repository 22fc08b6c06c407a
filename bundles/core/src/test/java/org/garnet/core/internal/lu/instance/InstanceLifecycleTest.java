package org.garnet.core.internal.lu.instance;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.garnet.api.hypervisor.Hypervisor;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.model.Instance;
import org.garnet.api.storage.DiskTemplate;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.jobs.QueueAccess;
import org.garnet.core.internal.os.OsCatalog;
import org.garnet.disk.file.internal.FileTemplate;
import org.garnet.hypervisor.fake.internal.FakeHypervisor;
import org.garnet.hypervisor.fake.internal.MemInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instances end to end through the real queue, with the real fake hypervisor, file template and OS scripts. */
class InstanceLifecycleTest {
    @TempDir
    Path dir;
    QueueAccess f;
    Drivers drivers;
    FakeHypervisor hv;
    Path osDir;

    @BeforeEach
    void setUp() throws IOException {
        f = new QueueAccess(dir);
        osDir = dir.resolve("os");
        drivers = new Drivers(new OsCatalog(osDir));
        hv = new FakeHypervisor(dir.resolve("run"), MemInfo.proc());
        drivers.bindHypervisor(hv, Map.of(Hypervisor.TYPE, "fake"));
        drivers.bindDiskTemplate(new FileTemplate(), Map.of(DiskTemplate.TEMPLATE, "file"));
        f.add(new InstanceCreateOp(f.store(), drivers, dir.resolve("log/os")));
        f.add(new InstanceStartupOp(f.store(), drivers));
        f.add(new InstanceShutdownOp(f.store(), drivers));
        f.add(new InstanceRebootOp(f.store(), drivers));
        f.add(new InstanceRemoveOp(f.store(), drivers));
        f.add(new org.garnet.core.internal.lu.tags.TagsSetOp(f.store()));
        os("dumpenv", "env > \"$OSP_DUMP\"\necho OSDATA | dd of=\"$DISK_0_PATH\" conv=notrunc status=none\n"
                + "echo installed $INSTANCE_NAME\n");
        os("broken", "echo boom; exit 3\n");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private void os(String name, String create) throws IOException {
        Path d = Files.createDirectories(osDir.resolve(name));
        Files.writeString(d.resolve("ganeti_api_version"), "20\n");
        Files.writeString(d.resolve("parameters.list"), "dump where to write the environment\n");
        Path c = d.resolve("create");
        Files.writeString(c, "#!/bin/sh\n" + create);
        c.toFile().setExecutable(true);
    }

    private OpCode create(String name, String os, String template, Map<String, Object> osparams) {
        Map<String, Object> p = new HashMap<>(Map.of("instance_name", name, "mode", "create", "disk_template",
                template, "disks", List.of(Map.of("size", 1024)), "nics", List.of(Map.of()), "os_type", os,
                "osparams", osparams, "tags", List.of("foo", "bar"), "beparams", Map.of("memory", 256),
                "pnode", "node1.example.com"));
        p.put("name_check", false); // test names do not resolve
        p.put("ip_check", false);
        return OpCode.of("OP_INSTANCE_CREATE", p);
    }

    private Job run(OpCode op) {
        return f.awaitFinished(f.queue().submit(List.of(op)));
    }

    private List<Path> diskFiles() throws IOException {
        Path storage = Path.of(f.store().cluster().orElseThrow().fileStorageDir());
        if (!Files.exists(storage)) {
            return List.of();
        }
        try (Stream<Path> w = Files.walk(storage)) {
            return new ArrayList<>(w.filter(Files::isRegularFile).toList());
        }
    }

    @Test
    void createRunsTheOsScriptWithGanetisEnvironmentAndTheLifecycleWorks() throws IOException {
        Path dump = dir.resolve("env.txt");
        Job add = run(create("inst1.example.com", "dumpenv", "file", Map.of("dump", dump.toString())));
        assertEquals(JobStatus.success, add.status(), String.valueOf(add.ops().get(0).result()));
        assertEquals(List.of("node1.example.com"), add.ops().get(0).result(), "the nodes used, as Ganeti");
        assertTrue(add.ops().get(0).log().stream().anyMatch(l -> l.message().equals("installed inst1.example.com")),
                "the script's output is in the job log");
        List<Path> files = diskFiles();
        assertEquals(1, files.size());
        assertEquals(1024L * 1024 * 1024, Files.size(files.get(0)));
        assertTrue(Files.readString(files.get(0)).startsWith("OSDATA"), "the OS wrote onto disk 0");
        Map<String, String> env = new HashMap<>();
        Files.readAllLines(dump).forEach(l -> {
            int eq = l.indexOf('=');
            if (eq > 0) {
                env.put(l.substring(0, eq), l.substring(eq + 1));
            }
        });
        assertEquals("inst1.example.com", env.get("INSTANCE_NAME"));
        assertEquals("20", env.get("OS_API_VERSION"));
        assertEquals("dumpenv", env.get("OS_NAME"));
        assertEquals("1", env.get("DISK_COUNT"));
        assertEquals(files.get(0).toString(), env.get("DISK_0_PATH"));
        assertEquals("file:loop", env.get("DISK_0_BACKEND_TYPE"));
        assertEquals("1024", env.get("DISK_0_SIZE"));
        assertEquals("rw", env.get("DISK_0_ACCESS"));
        assertEquals("1", env.get("NIC_COUNT"));
        assertTrue(env.get("NIC_0_MAC").startsWith("aa:00:00:"), env.get("NIC_0_MAC"));
        assertEquals(dump.toString(), env.get("OSP_DUMP"));
        assertEquals("fake", env.get("HYPERVISOR"));
        assertEquals("256", env.get("INSTANCE_BE_maxmem"));
        Instance inst = f.store().byName(Instance.class, "inst1.example.com").orElseThrow();
        assertEquals("up", inst.adminState());
        assertEquals(256, hv.info("inst1.example.com").orElseThrow().memory(), "started with its memory");
        assertEquals(List.of("bar", "foo"), List.copyOf(inst.tags()));

        assertEquals(JobStatus.success, run(OpCode.of("OP_INSTANCE_SHUTDOWN",
                Map.of("instance_name", "inst1.example.com"))).status());
        assertTrue(hv.info("inst1.example.com").isEmpty());
        assertEquals("down", f.store().byName(Instance.class, "inst1.example.com").orElseThrow().adminState());
        assertEquals(JobStatus.success, run(OpCode.of("OP_INSTANCE_REBOOT",
                Map.of("instance_name", "inst1.example.com", "reboot_type", "hard"))).status());
        assertTrue(hv.info("inst1.example.com").isPresent(), "rebooting a stopped instance starts it");
        assertEquals(JobStatus.success, run(OpCode.of("OP_INSTANCE_REMOVE",
                Map.of("instance_name", "inst1.example.com"))).status());
        assertTrue(hv.info("inst1.example.com").isEmpty());
        assertTrue(diskFiles().isEmpty(), "the disk file is gone");
        assertTrue(f.store().byName(Instance.class, "inst1.example.com").isEmpty());
    }

    private static Map<String, String> env(Path dump) throws IOException {
        Map<String, String> env = new HashMap<>();
        Files.readAllLines(dump).forEach(l -> {
            int eq = l.indexOf('=');
            if (eq > 0) {
                env.put(l.substring(0, eq), l.substring(eq + 1));
            }
        });
        return env;
    }

    @Test
    void theInstanceKeepsItsOsVariantAndAReinstallRunsIt() throws IOException {
        f.add(new InstanceReinstallOp(f.store(), drivers, dir.resolve("log/os")));
        Files.writeString(osDir.resolve("dumpenv/variants.list"), "alpha\nbeta\n");
        Path dump = dir.resolve("env.txt");
        Job add = run(create("v1.example.com", "dumpenv+beta", "file", Map.of("dump", dump.toString())));
        assertEquals(JobStatus.success, add.status(), String.valueOf(add.ops().get(0).result()));
        // as Ganeti's configuration: the OS with its variant
        assertEquals("dumpenv+beta", f.store().byName(Instance.class, "v1.example.com").orElseThrow().os());
        assertEquals("beta", env(dump).get("OS_VARIANT"));
        assertEquals("dumpenv+beta", env(dump).get("INSTANCE_OS"));
        run(OpCode.of("OP_INSTANCE_SHUTDOWN", Map.of("instance_name", "v1.example.com")));
        Files.delete(dump);
        Job again = run(OpCode.of("OP_INSTANCE_REINSTALL", Map.of("instance_name", "v1.example.com")));
        assertEquals(JobStatus.success, again.status(), String.valueOf(again.ops().get(0).result()));
        Map<String, String> env = env(dump);
        assertEquals("beta", env.get("OS_VARIANT"), "the variant the instance was made with");
        assertEquals("dumpenv", env.get("OS_NAME"));
        assertEquals("1", env.get("INSTANCE_REINSTALL"));
        assertEquals("dumpenv+beta", f.store().byName(Instance.class, "v1.example.com").orElseThrow().os());
    }

    @Test
    void aFailingCreateScriptRemovesTheDisksAndTheInstance() throws IOException {
        Job j = run(create("bad.example.com", "broken", "file", Map.of()));
        assertEquals(JobStatus.error, j.status());
        String result = String.valueOf(j.ops().get(0).result());
        assertTrue(result.contains("exited with exit code 3") && result.contains("boom"), result);
        // as Ganeti: the script's output is in the node's OS log and its last lines in the error, not the job log
        assertTrue(diskFiles().isEmpty());
        assertTrue(f.store().byName(Instance.class, "bad.example.com").isEmpty());
        try (Stream<Path> logs = Files.list(dir.resolve("log/os"))) {
            assertTrue(logs.anyMatch(p -> p.getFileName().toString().startsWith("add-broken-bad.example.com-")),
                    "the script's output is in the OS log directory");
        }
    }

    @Test
    void badInputIsRefusedWithGanetisCodesAndNothingIsCreated() throws IOException {
        Job plain = run(create("i2", "dumpenv", "plain", Map.of()));
        assertEquals(List.of("OpPrereqError", List.of("Cannot create an instance with disk template 'plain', as it "
                + "is not enabled in the cluster. Enabled disk templates are: file,diskless", "wrong_state")),
                plain.ops().get(0).result());
        Job os = run(create("i2", "nosuch", "file", Map.of()));
        Job unknownParam = run(create("i2", "dumpenv", "file", Map.of("color", "blue")));
        assertTrue(String.valueOf(unknownParam.ops().get(0).result()).contains("The following parameters are not "
                + "supported by the OS dumpenv: color"), String.valueOf(unknownParam.ops().get(0).result()));
        OpCode small = create("i4", "dumpenv", "file", Map.of("dump", dir.resolve("e5").toString()));
        Map<String, Object> p = new HashMap<>(small.params());
        p.put("beparams", Map.of("memory", 64));
        Job policy = run(small.withParams(p));
        assertTrue(String.valueOf(policy.ops().get(0).result()).contains("violates policy: memory-size value 64 is "
                + "not in range [128, 32768]"), String.valueOf(policy.ops().get(0).result()));
        p.put("ignore_ipolicy", true);
        Job ignored = run(small.withParams(p));
        assertEquals(JobStatus.success, ignored.status(), "--ignore-ipolicy turns the violation into a warning");
        assertTrue(ignored.ops().get(0).log().stream().anyMatch(l -> l.message().startsWith("Warning: Instance "
                + "allocation to group ") && l.message().contains(" (default) violates policy: ")));
        run(OpCode.of("OP_INSTANCE_REMOVE", Map.of("instance_name", "i4")));
        assertTrue(String.valueOf(os.ops().get(0).result()).contains("not found in search path"),
                String.valueOf(os.ops().get(0).result()));
        run(create("i3", "dumpenv", "file", Map.of("dump", dir.resolve("e3").toString())));
        Job again = run(create("i3", "dumpenv", "file", Map.of("dump", dir.resolve("e4").toString())));
        assertTrue(String.valueOf(again.ops().get(0).result()).contains("already_exists"));
        assertEquals(1, diskFiles().size(), "only i3's disk exists");
    }

    @Test
    void aStartWaitsForItsHypervisorBundleToComeBack() {
        run(create("w1", "dumpenv", "file", Map.of("dump", dir.resolve("e").toString())));
        run(OpCode.of("OP_INSTANCE_SHUTDOWN", Map.of("instance_name", "w1")));
        drivers.unbindHypervisor(hv, Map.of(Hypervisor.TYPE, "fake"));
        long id = f.queue().submit(List.of(OpCode.of("OP_INSTANCE_STARTUP", Map.of("instance_name", "w1"))));
        await().atMost(Duration.ofSeconds(20)).until(() -> f.queue().job(id).orElseThrow().ops().get(0).log()
                .stream().anyMatch(l -> l.message().matches(
                        "Waiting for hypervisor 'fake' on node \\S+ \\(its bundle is not active\\)")));
        assertEquals(JobStatus.waiting, f.queue().job(id).orElseThrow().status());
        // it holds no lock meanwhile: a job that locks the instance exclusively runs and ends
        long tags = f.queue().submit(List.of(OpCode.of("OP_TAGS_SET", Map.of("kind", "instance", "name", "w1",
                "tags", List.of("waiting-start")))));
        assertEquals(JobStatus.success, f.awaitFinished(tags).status());
        assertEquals(JobStatus.waiting, f.queue().job(id).orElseThrow().status());
        drivers.bindHypervisor(hv, Map.of(Hypervisor.TYPE, "fake"));
        assertEquals(JobStatus.success, f.awaitFinished(id).status());
        assertTrue(hv.info("w1").isPresent());
        assertFalse(f.store().byName(Instance.class, "w1").orElseThrow().adminState().equals("down"));
    }

    private long awaitWaitingFor(OpCode op, String what) {
        long id = f.queue().submit(List.of(op));
        await().atMost(Duration.ofSeconds(20)).until(() -> f.queue().job(id).orElseThrow().ops().get(0).log()
                .stream().anyMatch(l -> l.message().equals("Waiting for " + what + " (its bundle is not active)")));
        assertEquals(JobStatus.waiting, f.queue().job(id).orElseThrow().status());
        return id;
    }

    @Test
    void aCreateWaitsForItsOsBundleToComeBackAndAnUnknownOsStillFails() throws IOException {
        Path bundled = Files.createDirectories(dir.resolve("bundle/bndos"));
        Files.writeString(bundled.resolve("ganeti_api_version"), "20\n");
        Path c = bundled.resolve("create");
        Files.writeString(c, "#!/bin/sh\necho from the bundle\n");
        c.toFile().setExecutable(true);
        org.garnet.api.os.OsDefinition def = new org.garnet.core.internal.os.DirectoryOs("bndos", bundled);
        Map<String, Object> props = Map.of(org.garnet.api.os.OsDefinition.NAME, "bndos");
        drivers.bindOsDefinition(def, props);
        assertEquals(JobStatus.success, run(create("o1", "bndos", "file", Map.of())).status());
        drivers.unbindOsDefinition(def, props);
        long id = awaitWaitingFor(create("o2", "bndos", "file", Map.of()),
                "OS definition 'bndos' on node node1.example.com");
        Job other = run(create("o3", "nosuch", "file", Map.of()));
        assertEquals(JobStatus.error, other.status(), "an OS never seen is Ganeti's error, not a wait");
        assertTrue(String.valueOf(other.ops().get(0).result()).contains("nosuch"), String.valueOf(other.ops()));
        drivers.bindOsDefinition(def, props);
        Job back = f.awaitFinished(id);
        assertEquals(JobStatus.success, back.status(), String.valueOf(back.ops().get(0).result()));
        assertTrue(back.ops().get(0).log().stream().anyMatch(l -> l.message().equals("from the bundle")));
    }

    @Test
    void aCreateWaitsForItsIAllocatorBundleToComeBack() {
        org.garnet.api.iallocator.IAllocator alloc = request ->
                "{\"success\": true, \"info\": \"\", \"result\": [\"node1.example.com\"]}";
        Map<String, Object> props = Map.of(org.garnet.api.iallocator.IAllocator.NAME, "testalloc");
        drivers.bindIAllocator(alloc, props);
        assertEquals(JobStatus.success, run(allocated("a1")).status());
        drivers.unbindIAllocator(alloc, props);
        long id = awaitWaitingFor(allocated("a2"), "IAllocator 'testalloc'");
        drivers.bindIAllocator(alloc, props);
        assertEquals(JobStatus.success, f.awaitFinished(id).status());
    }

    private OpCode allocated(String name) {
        Map<String, Object> p = new HashMap<>(create(name, "dumpenv", "file", Map.of("dump",
                dir.resolve(name).toString())).params());
        p.remove("pnode");
        p.put("iallocator", "testalloc");
        return OpCode.of("OP_INSTANCE_CREATE", p);
    }
}
