package org.garnet.hypervisor.kvm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.garnet.api.ErrorClass;
import org.garnet.api.GanetiException;
import org.garnet.api.hypervisor.ConsoleInfo;
import org.garnet.api.hypervisor.HvInstance;
import org.garnet.api.hypervisor.HvInstanceInfo;
import org.garnet.api.hypervisor.HvMigrationStatus;
import org.garnet.api.hypervisor.HvNodeInfo;
import org.garnet.api.hypervisor.Hypervisor;
import org.garnet.hypervisor.kvm.internal.KvmCommand.Tap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Ganeti's {@code kvm} hypervisor: one {@code qemu-system-x86_64} per instance, daemonized (it outlives the
 * appliance, which finds it again from its pid file: nothing about a guest is kept in memory), controlled through
 * its QMP socket. Start: command line ({@link KvmCommand}) with {@code -S}, taps up, then QMP {@code cont} unless
 * paused. Stop: QMP {@code system_powerdown} (ACPI) and a wait, then SIGKILL; forced: SIGKILL. Reboot: stop and
 * start again from the saved runtime, as Ganeti does. Live migration: see {@link KvmMigration}.
 */
@Component(service = Hypervisor.class, property = Hypervisor.TYPE + "=kvm", configurationPid = KvmHypervisor.PID)
@Designate(ocd = KvmHypervisor.Config.class)
public class KvmHypervisor implements Hypervisor {
    static final String PID = "org.garnet.hypervisor.kvm";
    static final Duration QMP_TIMEOUT = Duration.ofSeconds(10);
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** The longest UNIX socket path Linux takes (108 bytes with its terminating zero). */
    static final int MAX_SOCKET_PATH = 107;
    private static final ObjectMapper JSON = new ObjectMapper();

    @ObjectClassDefinition(name = "Garnet kvm hypervisor")
    public @interface Config {
        @AttributeDefinition(description = "Run directory; empty = ${karaf.base}/var/run/garnet/kvm-hypervisor")
        String run_dir() default "";

        @AttributeDefinition(description = "qemu's logs; empty = ${karaf.base}/data/log/kvm")
        String log_dir() default "";
    }

    final KvmDirs dirs;
    private final KvmMigration migration;
    private final KvmHotplug hotplug;

    @Activate
    public KvmHypervisor(Config config) {
        this(new KvmDirs(config.run_dir().isEmpty()
                ? Path.of(System.getProperty("karaf.base", "."), "var", "run", "garnet", "kvm-hypervisor")
                : Path.of(config.run_dir()), config.log_dir().isEmpty()
                ? Path.of(System.getProperty("karaf.base", "."), "data", "log", "kvm") : Path.of(config.log_dir())));
    }

    public KvmHypervisor(Path runDir, Path logDir) {
        this(new KvmDirs(runDir, logDir));
    }

    KvmHypervisor(KvmDirs dirs) {
        this.dirs = dirs;
        this.migration = new KvmMigration(this);
        this.hotplug = new KvmHotplug(this);
    }

    @Override
    public Map<String, Object> defaultParameters() {
        return KvmParams.defaults();
    }

    @Override
    public void checkParameters(Map<String, Object> hvparams) {
        KvmParams.check(hvparams);
    }

    @Override
    public void start(HvInstance instance, boolean paused) {
        String name = instance.instance().name();
        Map<String, Object> hv = startable(instance, "start");
        KvmCommand.Runtime rt = KvmCommand.build(instance, hv, dirs, paused, null);
        launch(name, rt, hv, paused, "start");
    }

    /** The typed parameters, once the instance is known not to run here and the node can run it. */
    Map<String, Object> startable(HvInstance instance, String what) {
        String name = instance.instance().name();
        Map<String, Object> hv;
        try {
            hv = KvmParams.check(instance.hvparams());
        } catch (GanetiException e) {
            throw hvError("Failed to " + what + " instance " + name + ": " + e.getMessage());
        }
        if (process(name).isPresent()) {
            throw hvError("Failed to " + what + " instance " + name + ": already running");
        }
        int longest = dirs.monitor(name).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (longest > MAX_SOCKET_PATH) { // Linux's sockaddr_un: qemu refuses longer socket paths
            throw hvError("Failed to " + what + " instance " + name + ": its control socket path "
                    + dirs.monitor(name) + " has " + longest + " bytes, more than the " + MAX_SOCKET_PATH
                    + " a UNIX socket allows; use a shorter run directory (run_dir) or instance name");
        }
        for (String file : List.of("kvm_path", "kernel_path", "initrd_path")) {
            String path = (String) hv.get(file);
            if (!path.isEmpty() && !KvmParams.exists(path)) {
                throw hvError("Failed to " + what + " instance " + name + ": " + file + " " + path
                        + " does not exist on this node");
            }
        }
        String noKvm = kvmUnavailable();
        if ("enabled".equals(hv.get("kvm_flag")) && noKvm != null) {
            throw hvError("Failed to " + what + " instance " + name + ": KVM acceleration was asked (kvm_flag="
                    + "enabled) but " + noKvm + "; use kvm_flag=disabled for qemu's TCG");
        }
        return hv;
    }

    /** Runs the command line, saves the runtime, continues the guest over QMP unless {@code paused}. */
    void launch(String name, KvmCommand.Runtime rt, Map<String, Object> hv, boolean paused, String what) {
        dirs.clean(name);
        try {
            Taps.up(rt.taps());
        } catch (IOException e) {
            throw hvError("Failed to " + what + " instance " + name + ": " + e.getMessage());
        }
        try {
            Commands.Result r = Commands.run(rt.argv(), START_TIMEOUT);
            if (!r.ok()) { // what qemu said once daemonized is in its log (-D)
                String said = r.tail().isBlank() ? logTail(name) : r.tail();
                throw new IOException("qemu exited with status " + r.exitCode() + ": " + said);
            }
            saveRuntime(name, rt, hv);
            if (!rt.argv().contains("-incoming")) {
                try (Qmp q = qmp(name)) {
                    if (!paused) {
                        q.execute("cont", null);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            process(name).ifPresent(QemuProcess::kill);
            Taps.down(rt.taps());
            dirs.clean(name);
            throw hvError("Failed to " + what + " instance " + name + ": " + e.getMessage());
        }
    }

    /** The last lines of qemu's log for the instance (empty if none). */
    private String logTail(String name) {
        try {
            List<String> lines = Files.readAllLines(dirs.log(name));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 3), lines.size())).strip();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void stop(HvInstance instance, boolean force, Duration timeout) {
        String name = instance.instance().name();
        Optional<QemuProcess> p = process(name);
        List<Tap> taps = runtime(name).map(Saved::taps).orElse(List.of());
        if (p.isPresent()) {
            boolean acpi = !Boolean.FALSE.equals(KvmParams.typed(instance.hvparams()).get("acpi"));
            if (!force && acpi) {
                try (Qmp q = qmp(name)) {
                    q.execute("system_powerdown", null);
                } catch (IOException e) {
                    // no QMP answer: killed below
                }
                awaitDeath(p.get(), timeout);
            }
            if (p.get().alive()) {
                p.get().kill();
                if (!awaitDeath(p.get(), Duration.ofSeconds(10))) {
                    throw hvError("Failed to stop instance " + name + ": qemu (pid " + p.get().pid()
                            + ") did not die");
                }
            }
        }
        Taps.down(taps);
        dirs.clean(name);
    }

    @Override
    public void reboot(HvInstance instance) {
        String name = instance.instance().name();
        if (process(name).isEmpty()) {
            throw hvError("Failed to reboot instance " + name + ": not running");
        }
        Saved saved = runtime(name).orElseThrow(() -> hvError("Failed to reboot instance " + name
                + ": its runtime file is missing"));
        stop(instance, false, Duration.ofSeconds(5));
        launch(name, new KvmCommand.Runtime(saved.argv(), saved.taps()), saved.hvparams(), false, "reboot");
    }

    @Override
    public List<HvInstanceInfo> list() {
        List<HvInstanceInfo> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dirs.pidDir())) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                process(name).ifPresent(p -> out.add(info(name, p, false)));
            }
        } catch (IOException e) {
            throw hvError("Failed to list instances: " + e.getMessage());
        }
        return out;
    }

    @Override
    public Optional<HvInstanceInfo> info(String instanceName) {
        return process(instanceName).map(p -> info(instanceName, p, true));
    }

    /** What the process says; with {@code live}, the state from QMP ({@code running} or {@code paused}). */
    private HvInstanceInfo info(String name, QemuProcess p, boolean live) {
        String state = "running";
        if (live) {
            try (Qmp q = qmp(name)) {
                JsonNode st = q.execute("query-status", null);
                state = st.path("running").asBoolean(true) ? "running" : "paused";
            } catch (IOException e) {
                state = "running";
            }
        }
        return new HvInstanceInfo(name, p.memory(), p.vcpus(), state, p.uptimeSeconds());
    }

    @Override
    public HvNodeInfo nodeInfo() {
        long used = list().stream().mapToLong(HvInstanceInfo::memory).sum();
        long total = NodeMemory.totalMiB();
        long free = NodeMemory.availableMiB();
        int cpus = Runtime.getRuntime().availableProcessors();
        return new HvNodeInfo(total, free, Math.max(0, total - free - used), cpus, 1, 1, cpus);
    }

    @Override
    public ConsoleInfo console(HvInstance instance) {
        String name = instance.instance().name();
        Map<String, Object> hv = KvmParams.typed(instance.hvparams());
        if ((Boolean) hv.get("serial_console")) {
            String cmd = "socat STDIO,raw,echo=0,escape=0x1d UNIX-CONNECT:" + dirs.serial(name);
            return new ConsoleInfo("ssh", name, null, null, null, "root", cmd);
        }
        String vnc = (String) hv.get("vnc_bind_address");
        Integer port = instance.instance().networkPort();
        if (!vnc.isEmpty() && port != null && port > KvmCommand.VNC_BASE_PORT) {
            return new ConsoleInfo("vnc", name, null, vnc, port, null, null);
        }
        return ConsoleInfo.message(name, "No serial shell for instance " + name);
    }

    @Override
    public Optional<Path> serialSocket(String instanceName) {
        return process(instanceName).isPresent() && Files.exists(dirs.serial(instanceName))
                ? Optional.of(dirs.serial(instanceName)) : Optional.empty();
    }

    @Override
    public List<String> verify() {
        return verify(Map.of());
    }

    /**
     * Ganeti's checks (the qemu binary, the run directory) with the cluster's parameters, and one of Garnet's:
     * KVM acceleration asked ({@code kvm_flag=enabled}) where this node cannot give it.
     */
    @Override
    public List<String> verify(Map<String, Object> hvparams) {
        Map<String, Object> hv = new java.util.HashMap<>(KvmParams.defaults());
        hvparams.forEach((k, v) -> {
            if (v != null) {
                hv.put(k, v);
            }
        });
        List<String> problems = new ArrayList<>();
        String noKvm = kvmUnavailable();
        if ("enabled".equals(hv.get("kvm_flag")) && noKvm != null) {
            problems.add("KVM acceleration is asked (kvm_flag=enabled) but " + noKvm
                    + ": no guest can start here; use kvm_flag=disabled for qemu's TCG");
        }
        Path kvm = Path.of(String.valueOf(hv.get("kvm_path")));
        if (!Files.isExecutable(kvm)) {
            problems.add("The KVM binary ('" + kvm + "') does not exist or is not executable");
        }
        if (!Files.isDirectory(dirs.root())) {
            problems.add("The required directory '" + dirs.root() + "' does not exist");
        }
        return problems;
    }

    /** KVM acceleration, or qemu's TCG only and why. */
    @Override
    public Optional<String> acceleration() {
        String noKvm = kvmUnavailable();
        return Optional.of(noKvm == null ? "kvm guests get KVM acceleration"
                : "kvm guests get qemu's TCG only (no KVM acceleration: " + noKvm + ")");
    }

    /**
     * Why this node cannot give standard guests KVM acceleration, or null if it can: no usable /dev/kvm, or a
     * /dev/kvm served by PVM ({@code kvm_pvm}, a nested KVM that boots only PVM-enabled guest kernels: a standard
     * kernel hangs after the BIOS) without the hardware modules ({@code kvm_intel}/{@code kvm_amd}).
     */
    static String kvmUnavailable() {
        if (!Files.isWritable(Path.of("/dev/kvm"))) {
            return "/dev/kvm is not usable on this node";
        }
        Path modules = Path.of("/sys/module");
        if (Files.isDirectory(modules.resolve("kvm_pvm")) && !Files.isDirectory(modules.resolve("kvm_intel"))
                && !Files.isDirectory(modules.resolve("kvm_amd"))) {
            return "this node's /dev/kvm is PVM-based (kvm_pvm), which boots no standard guest kernel";
        }
        return null;
    }

    @Override
    public boolean canMigrate() {
        return true;
    }

    @Override
    public String migrationInfo(HvInstance instance) {
        return migration.info(instance);
    }

    @Override
    public void acceptInstance(HvInstance instance, String info, String targetAddress) {
        migration.accept(instance, info, targetAddress);
    }

    @Override
    public void migrate(String clusterName, HvInstance instance, String targetAddress, boolean live) {
        migration.migrate(instance, targetAddress, live);
    }

    @Override
    public HvMigrationStatus migrationStatus(HvInstance instance) {
        return migration.status(instance);
    }

    @Override
    public void finalizeMigrationTarget(HvInstance instance, String info, boolean success) {
        migration.finalizeTarget(instance, info, success);
    }

    @Override
    public void finalizeMigrationSource(HvInstance instance, boolean success, boolean live) {
        migration.finalizeSource(instance, success);
    }

    @Override
    public void checkHotplug(HvInstance instance) {
        hotplug.check(instance);
    }

    @Override
    public void hotplug(HvInstance instance, String action, String target, int index) {
        hotplug.apply(instance, action, target, index);
    }

    // ---- shared with the migration and hotplug ----

    Optional<QemuProcess> process(String name) {
        return QemuProcess.of(dirs.pid(name), name);
    }

    /** A QMP connection to the instance's qemu, waiting (bounded) for its socket to appear. */
    Qmp qmp(String name) throws IOException {
        Path socket = dirs.qmp(name);
        long end = System.nanoTime() + QMP_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < end) {
            if (Files.exists(socket)) {
                try {
                    return Qmp.connect(socket, QMP_TIMEOUT);
                } catch (IOException e) {
                    last = e;
                }
            }
            sleep(50);
        }
        throw last != null ? last : new IOException("qemu's QMP socket " + socket + " did not appear");
    }

    /** What an instance was started with ({@code conf/<inst>.runtime}). */
    record Saved(List<String> argv, List<Tap> taps, Map<String, Object> hvparams) {
    }

    void saveRuntime(String name, KvmCommand.Runtime rt, Map<String, Object> hv) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("argv", rt.argv());
        doc.put("taps", rt.taps());
        doc.put("hvparams", hv);
        Path file = dirs.runtime(name);
        Path tmp = Files.createTempFile(file.getParent(), ".runtime-", ".tmp");
        Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    Optional<Saved> runtime(String name) {
        Path file = dirs.runtime(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode doc = JSON.readTree(file.toFile());
            List<String> argv = JSON.convertValue(doc.get("argv"), JSON.getTypeFactory().constructCollectionType(
                    List.class, String.class));
            List<Tap> taps = JSON.convertValue(doc.get("taps"), JSON.getTypeFactory().constructCollectionType(
                    List.class, Tap.class));
            @SuppressWarnings("unchecked")
            Map<String, Object> hv = JSON.convertValue(doc.get("hvparams"), Map.class);
            return Optional.of(new Saved(argv, taps, hv));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static boolean awaitDeath(QemuProcess p, Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        while (p.alive()) {
            if (System.nanoTime() > end) {
                return false;
            }
            sleep(100);
        }
        return true;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw hvError("interrupted");
        }
    }

    static GanetiException hvError(String message) {
        return new GanetiException(ErrorClass.HypervisorError, message, null);
    }
}
