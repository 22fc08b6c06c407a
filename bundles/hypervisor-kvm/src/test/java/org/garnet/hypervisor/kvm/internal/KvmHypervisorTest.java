package org.garnet.hypervisor.kvm.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.garnet.api.GanetiException;
import org.garnet.api.hypervisor.HvInstance;
import org.garnet.api.hypervisor.HvMigrationStatus;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Nic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kvm driver with real qemu guests under TCG (kvm_flag=disabled: this machine's nested KVM boots no standard
 * kernel): the tiny guest (Debian's kernel, an initramfs of busybox that prints a marker with its boot id, its
 * disks and NICs, then a counter) through start, info, adoption by a new driver, reboot, stop; and a live
 * migration between two drivers with run directories of their own (two nodes on one machine). Every guest and
 * tap is stopped after each test, also on failure.
 */
class KvmHypervisorTest {
    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final String BRIDGE = "gtbrtest0";
    private static Path kernel;
    private static Path initrd;

    @TempDir
    Path dir;
    private final List<KvmHypervisor> drivers = new ArrayList<>();
    private final List<HvInstance> started = new ArrayList<>();

    @BeforeAll
    static void guest(@TempDir Path shared) throws Exception {
        initrd = shared.resolve("tiny.cpio.gz");
        Path script = Path.of("../../itests/kvm/make-tiny-initrd.sh").toAbsolutePath().normalize();
        Commands.Result r = Commands.run(List.of("bash", script.toString(), initrd.toString()), Duration.ofMinutes(2));
        assertEquals(0, r.exitCode(), r.output());
        kernel = Path.of(r.output().strip().lines().reduce((a, b) -> b).orElseThrow());
        Commands.run(List.of("ip", "link", "add", BRIDGE, "type", "bridge"), Duration.ofSeconds(10));
        Commands.run(List.of("ip", "link", "set", BRIDGE, "up"), Duration.ofSeconds(10));
    }

    @AfterEach
    void stopEverything() throws IOException {
        for (KvmHypervisor d : drivers) {
            for (HvInstance i : started) {
                try {
                    d.stop(i, true, Duration.ofSeconds(5));
                } catch (GanetiException ignored) {
                    // not there
                }
            }
        }
    }

    @org.junit.jupiter.api.AfterAll
    static void removeBridge() throws IOException {
        Commands.run(List.of("ip", "link", "del", BRIDGE), Duration.ofSeconds(10));
    }

    private KvmHypervisor driver(String node) {
        KvmHypervisor d = new KvmHypervisor(dir.resolve(node + "/run"), dir.resolve(node + "/log"));
        drivers.add(d);
        return d;
    }

    private HvInstance tiny(String name, Map<String, Object> moreHv) throws IOException {
        Path disk = dir.resolve(name + ".disk0");
        try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        Map<String, Object> hv = new HashMap<>(Map.of("kvm_flag", "disabled", "kernel_path", kernel.toString(),
                "initrd_path", initrd.toString(), "kernel_args", "quiet", "kvm_path",
                "/usr/bin/qemu-system-x86_64"));
        hv.putAll(moreHv);
        Disk d = new Disk("932df160-7a22-4067-9a8e-1f1c2d3e4f50", null, "file", 64, "rw", null, List.of(), List.of(),
                Map.of());
        Nic n = new Nic("5a1b2c3d-0000-4000-8000-000000000001", null, "aa:00:00:4e:11:01", null, "bridged", BRIDGE,
                null, null);
        Instance inst = new Instance("0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", name, 1, 0, 0, "node1", "", "kvm",
                "file", hv, Map.of(), Map.of(), "up", "admin", true, List.of(d), List.of(n), null, Set.of());
        HvInstance h = new HvInstance(inst, hv, Map.of("maxmem", 256, "vcpus", 1), List.of(disk.toString()));
        started.add(h);
        return h;
    }

    /** Starts paused, connects to the serial console, then lets the guest run (no output is missed). */
    private SerialReader boot(KvmHypervisor d, HvInstance i) throws IOException {
        d.start(i, true);
        SerialReader serial = new SerialReader(d.dirs.serial(i.instance().name()));
        try (Qmp q = d.qmp(i.instance().name())) {
            q.execute("cont", null);
        }
        return serial;
    }

    /** No such process, or a zombie its new parent (the machine's init) has not reaped yet. */
    private static boolean gone(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    private static String bootId(String text) {
        Matcher m = Pattern.compile("GARNET-TINY-BOOTED (\\S+)").matcher(text);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void parametersAreGanetisAndBadOnesAreRefused() {
        KvmHypervisor d = driver("n");
        assertEquals(65, d.defaultParameters().size(), "Ganeti's 65 KVM parameters");
        assertEquals("/usr/bin/kvm", d.defaultParameters().get("kvm_path"));
        assertEquals(30, d.defaultParameters().get("migration_downtime"));
        d.checkParameters(Map.of("kvm_flag", "disabled", "serial_speed", "115200", "acpi", "false"));
        GanetiException unknown = assertThrows(GanetiException.class, () -> d.checkParameters(Map.of("colour",
                "red")));
        assertEquals("Parameter 'colour' is not supported", unknown.getMessage());
        GanetiException type = assertThrows(GanetiException.class, () -> d.checkParameters(Map.of("serial_speed",
                "fast")));
        assertEquals("'serial_speed' (value fast) is not a valid integer", type.getMessage());
        GanetiException value = assertThrows(GanetiException.class, () -> d.checkParameters(Map.of("disk_cache",
                "sometimes")));
        assertEquals("Parameter 'disk_cache' fails syntax check: The value must be one of: default, none, "
                + "writeback, writethrough (current value: 'sometimes')", value.getMessage());
        GanetiException flag = assertThrows(GanetiException.class, () -> d.checkParameters(Map.of("kvm_flag",
                "maybe")));
        assertTrue(flag.getMessage().startsWith("Parameter 'kvm_flag' fails syntax check"), flag.getMessage());
    }

    @Test
    void theCommandLineIsGanetis() throws IOException {
        KvmHypervisor d = driver("n");
        HvInstance i = tiny("cmd.example.com", Map.of());
        List<String> argv = KvmCommand.build(i, KvmParams.check(i.hvparams()), d.dirs, false, null).argv();
        String line = String.join(" ", argv);
        assertTrue(line.startsWith("/usr/bin/qemu-system-x86_64 -name cmd.example.com -m 256 -smp 1 -pidfile "
                + d.dirs.pid("cmd.example.com")), line);
        assertTrue(line.contains(" -daemonize "), line);
        assertTrue(line.contains(" -machine pc,accel=tcg "), line);
        assertTrue(line.contains(" -append root=/dev/vda1 quiet console=ttyS0,38400 "), line);
        assertTrue(line.contains(" -drive file=" + dir.resolve("cmd.example.com.disk0")
                + ",format=raw,if=none,id=disk-932df160-7a22-4067 -device virtio-blk-pci,id=disk-932df160-7a22-4067,"
                + "drive=disk-932df160-7a22-4067,bus=pci.0,addr=0xc "), line);
        assertTrue(line.contains(",script=no,downscript=no -device virtio-net-pci,id=nic-5a1b2c3d-0000-4000,"
                + "netdev=nic-5a1b2c3d-0000-4000,mac=aa:00:00:4e:11:01,bus=pci.0,addr=0xd "), line);
        assertTrue(line.contains(" -qmp unix:" + d.dirs.qmp("cmd.example.com") + ",server,nowait -S"), line);
    }

    @Test
    void aTinyGuestRunsIsAdoptedRebootsAndStops() throws Exception {
        KvmHypervisor d = driver("node1");
        HvInstance i = tiny("tiny1.example.com", Map.of());
        String first;
        try (SerialReader serial = boot(d, i)) {
            await().atMost(BOOT).until(() -> serial.text().contains("count 1"));
            first = bootId(serial.text());
            assertTrue(serial.text().contains("disk vda 131072 sectors"), serial.text());
            assertTrue(serial.text().contains("nic eth0 aa:00:00:4e:11:01"), serial.text());
        }
        var info = d.info("tiny1.example.com").orElseThrow();
        assertEquals(256, info.memory());
        assertEquals(1, info.vcpus());
        assertEquals("running", info.state());
        // an appliance restart: a new driver on the same run directory finds the guest from its pid file
        KvmHypervisor again = driver("node1");
        assertEquals(List.of("tiny1.example.com"), again.list().stream().map(x -> x.name()).toList());
        assertThrows(GanetiException.class, () -> again.start(i, false), "already running");
        String tap = KvmCommand.tapName("aa:00:00:4e:11:01", d.dirs.root().toString());
        assertTrue(Commands.run(List.of("ip", "link", "show", tap), Duration.ofSeconds(5)).output()
                .contains("master " + BRIDGE), "the NIC's tap is on the bridge");

        again.reboot(i);
        try (SerialReader serial = new SerialReader(d.dirs.serial("tiny1.example.com"))) {
            await().atMost(BOOT).until(() -> bootId(serial.text()) != null);
            assertFalse(first.equals(bootId(serial.text())), "a new boot after the reboot");
        }
        long pid = Long.parseLong(Files.readString(d.dirs.pid("tiny1.example.com")).trim());
        again.stop(i, false, Duration.ofSeconds(2)); // busybox has no ACPI daemon: killed after the timeout
        assertTrue(gone(pid), "no qemu left");
        assertTrue(d.info("tiny1.example.com").isEmpty());
        assertFalse(Files.exists(d.dirs.runtime("tiny1.example.com")), "runtime files removed");
        assertFalse(Commands.run(List.of("ip", "link", "show", tap), Duration.ofSeconds(5)).ok(), "tap removed");
    }

    @Test
    void aLiveMigrationKeepsTheGuestRunning() throws Exception {
        KvmHypervisor source = driver("node1");
        KvmHypervisor target = driver("node2");
        HvInstance i = tiny("mig1.example.com", Map.of("migration_port", 18102));
        try (SerialReader serial = boot(source, i)) {
            await().atMost(BOOT).until(() -> serial.text().contains("count 2"));
        }
        String info = source.migrationInfo(i);
        target.acceptInstance(i, info, "127.0.0.1");
        source.migrate("cluster", i, "127.0.0.1", true);
        await().atMost(Duration.ofSeconds(120)).until(() -> !source.migrationStatus(i).active());
        assertEquals(HvMigrationStatus.COMPLETED, source.migrationStatus(i).status());
        source.finalizeMigrationSource(i, true, true);
        target.finalizeMigrationTarget(i, info, true);
        assertTrue(source.info("mig1.example.com").isEmpty(), "gone from the source");
        try (SerialReader serial = new SerialReader(target.dirs.serial("mig1.example.com"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Pattern.compile("count \\d+").matcher(serial.text())
                    .find());
            assertTrue(bootId(serial.text()) == null, "the counter goes on, no new boot: " + serial.text());
        }
        assertTrue(Files.readString(dir.resolve("node1/log/mig1.example.com.migration")).contains("\"downtime\""));
    }

    /** The text the guest printed after {@code mark} (its listing every fifth second). */
    private static String after(SerialReader serial, int mark) {
        String t = serial.text();
        return t.length() > mark ? t.substring(mark) : "";
    }

    @Test
    void hotplugDisksAndNicsAndAMigrationKeepsThem() throws Exception {
        KvmHypervisor source = driver("node1");
        KvmHypervisor target = driver("node2");
        HvInstance i = tiny("hot1.example.com", Map.of("migration_port", 18103));
        Path disk2 = dir.resolve("hot1.example.com.disk1");
        try (RandomAccessFile f = new RandomAccessFile(disk2.toFile(), "rw")) {
            f.setLength(32L << 20);
        }
        Instance base = i.instance();
        Disk d2 = new Disk("77aa0e51-1b2c-4d3e-8f90-123456789abc", null, "file", 32, "rw", null, List.of(),
                List.of(), Map.of());
        Nic n2 = new Nic("6b2c3d4e-0000-4000-8000-000000000002", null, "aa:00:00:4e:11:02", null, "bridged", BRIDGE,
                null, null);
        HvInstance withDisk = new HvInstance(copy(base, List.of(base.disks().get(0), d2), base.nics()), i.hvparams(),
                i.beparams(), List.of(i.diskPaths().get(0), disk2.toString()));
        HvInstance withBoth = new HvInstance(copy(base, withDisk.instance().disks(), List.of(base.nics().get(0), n2)),
                i.hvparams(), i.beparams(), withDisk.diskPaths());
        try (SerialReader serial = boot(source, i)) {
            await().atMost(BOOT).until(() -> serial.text().contains("count 1"));
            source.checkHotplug(i);
            int mark = serial.text().length();
            source.hotplug(withDisk, org.garnet.api.hypervisor.Hypervisor.HOTPLUG_ADD, "disk", 1);
            source.hotplug(withBoth, org.garnet.api.hypervisor.Hypervisor.HOTPLUG_ADD, "nic", 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> after(serial, mark).contains("disk vdb 65536 sectors")
                    && after(serial, mark).contains("nic eth1 aa:00:00:4e:11:02"));
        }
        String tap2 = KvmCommand.tapName("aa:00:00:4e:11:02", source.dirs.root().toString());
        assertTrue(Commands.run(List.of("ip", "link", "show", tap2), Duration.ofSeconds(5)).output()
                .contains("master " + BRIDGE), "the new NIC's tap is on the bridge");
        // the target lays the devices out as the source has them (the hotplugged disk after the NICs)
        // non-live: a live migration of a guest with hotplugged devices left its kernel spinning in a corrupted
        // timer tree under qemu 7.2's TCG, here once and in kvm-test's sequence (issue 16, not understood); the
        // layout on the target is what this test is about, live migration is aLiveMigrationKeepsTheGuestRunning's
        String info = source.migrationInfo(withBoth);
        target.acceptInstance(withBoth, info, "127.0.0.1");
        source.migrate("cluster", withBoth, "127.0.0.1", false);
        await().atMost(Duration.ofSeconds(120)).until(() -> !source.migrationStatus(withBoth).active());
        assertEquals(HvMigrationStatus.COMPLETED, source.migrationStatus(withBoth).status());
        source.finalizeMigrationSource(withBoth, true, false);
        target.finalizeMigrationTarget(withBoth, info, true);
        assertFalse(Commands.run(List.of("ip", "link", "show", tap2), Duration.ofSeconds(5)).ok(),
                "the source's taps are gone");
        try (SerialReader serial = new SerialReader(target.dirs.serial("hot1.example.com"))) {
            int mark = 0;
            await().atMost(Duration.ofSeconds(60)).until(() -> after(serial, mark).contains("disk vdb 65536 sectors"));
            assertTrue(bootId(serial.text()) == null, "no new boot: " + serial.text());
            target.hotplug(withBoth, org.garnet.api.hypervisor.Hypervisor.HOTPLUG_REMOVE, "disk", 1);
            // the guest's next full listing (boot id, disks, then NICs) has no vdb
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                String t = serial.text();
                String listing = t.substring(Math.max(0, t.lastIndexOf("boot ")));
                return listing.contains("nic eth1") && !listing.contains("vdb");
            });
        }
        assertFalse(target.runtime("hot1.example.com").orElseThrow().argv().stream()
                .anyMatch(a -> a.contains("disk-77aa0e51-1b2c-4d3e")), "the removed disk is out of the runtime");
        GanetiException again = assertThrows(GanetiException.class, () -> target.hotplug(withBoth,
                org.garnet.api.hypervisor.Hypervisor.HOTPLUG_REMOVE, "disk", 1));
        assertTrue(again.getMessage().contains("is not plugged"), again.getMessage());
        target.stop(withBoth, true, Duration.ofSeconds(5));
        GanetiException down = assertThrows(GanetiException.class, () -> target.checkHotplug(withBoth));
        assertEquals("Instance is probably down", down.getMessage());
    }

    private static Instance copy(Instance i, List<Disk> disks, List<Nic> nics) {
        return new Instance(i.uuid(), i.name(), i.serialNo(), i.ctime(), i.mtime(), i.primaryNode(), i.os(),
                i.hypervisor(), i.diskTemplate(), i.hvparams(), i.beparams(), i.osparams(), i.adminState(),
                i.adminStateSource(), i.disksActive(), disks, nics, i.networkPort(), i.tags());
    }

    @Test
    void kvmAskedWhereThisNodeCannotGiveItIsAClearError() throws IOException {
        String why = KvmHypervisor.kvmUnavailable();
        org.junit.jupiter.api.Assumptions.assumeTrue(why != null,
                "this machine gives standard guests KVM acceleration: there is nothing to refuse");
        KvmHypervisor d = driver("n");
        HvInstance i = tiny("kvm1.example.com", Map.of("kvm_flag", "enabled"));
        GanetiException e = assertThrows(GanetiException.class, () -> d.start(i, false));
        assertEquals("Failed to start instance kvm1.example.com: KVM acceleration was asked (kvm_flag=enabled) but "
                + why + "; use kvm_flag=disabled for qemu's TCG", e.getMessage());
        assertTrue(d.info("kvm1.example.com").isEmpty(), "nothing started");
    }

    /** gnt-cluster verify: the acceleration this node really gives, and kvm_flag=enabled where it cannot. */
    @Test
    void verifySaysWhichAccelerationThisNodeGives() {
        String why = KvmHypervisor.kvmUnavailable();
        KvmHypervisor d = driver("v");
        List<String> asked = d.verify(Map.of("kvm_flag", "enabled", "kvm_path", "/usr/bin/qemu-system-x86_64"));
        List<String> tcg = d.verify(Map.of("kvm_flag", "disabled", "kvm_path", "/usr/bin/qemu-system-x86_64"));
        assertEquals(List.of(), tcg, "TCG is always there");
        if (why == null) {
            assertEquals(List.of(), asked);
            assertEquals(java.util.Optional.of("kvm guests get KVM acceleration"), d.acceleration());
        } else {
            assertEquals(List.of("KVM acceleration is asked (kvm_flag=enabled) but " + why
                    + ": no guest can start here; use kvm_flag=disabled for qemu's TCG"), asked);
            assertEquals(java.util.Optional.of("kvm guests get qemu's TCG only (no KVM acceleration: " + why + ")"),
                    d.acceleration());
        }
        assertEquals(List.of("The KVM binary ('/nonexistent/qemu') does not exist or is not executable"),
                d.verify(Map.of("kvm_flag", "disabled", "kvm_path", "/nonexistent/qemu")));
    }

    @Test
    void aRunDirectoryTooDeepForUnixSocketsIsAClearError() throws IOException {
        KvmHypervisor d = driver("a-node-whose-run-directory-is-deep/" + "x".repeat(60));
        HvInstance i = tiny("deep1.example.com", Map.of());
        GanetiException e = assertThrows(GanetiException.class, () -> d.start(i, false));
        assertTrue(e.getMessage().startsWith("Failed to start instance deep1.example.com: its control socket path "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("more than the 107 a UNIX socket allows; use a shorter run directory "
                + "(run_dir) or instance name"), e.getMessage());
        assertTrue(d.info("deep1.example.com").isEmpty(), "nothing started");
    }
}
