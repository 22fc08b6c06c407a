package org.garnet.hypervisor.fake.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Ganeti's {@code fake} hypervisor: an instance "runs" while a file named after it exists in the run directory,
 * holding {@code id}, memory (MiB) and vcpus, one per line. Start fails if the file exists, stop if it does not;
 * reboot does nothing; the node's free memory is reduced by the instances' memory; the console is a message.
 */
@Component(service = Hypervisor.class, property = Hypervisor.TYPE + "=fake",
        configurationPid = FakeHypervisor.PID)
@Designate(ocd = FakeHypervisor.Config.class)
public class FakeHypervisor implements Hypervisor {
    static final String PID = "org.garnet.hypervisor.fake";

    @ObjectClassDefinition(name = "Garnet fake hypervisor")
    public @interface Config {
        @AttributeDefinition(description = "Run directory; empty = ${karaf.base}/var/run/garnet/fake-hypervisor")
        String run_dir() default "";
    }

    private final Path root;
    private final MemInfo memInfo;

    @Activate
    public FakeHypervisor(Config config) {
        this(config.run_dir().isEmpty()
                ? Path.of(System.getProperty("karaf.base", "."), "var", "run", "garnet", "fake-hypervisor")
                : Path.of(config.run_dir()), MemInfo.proc());
    }

    public FakeHypervisor(Path root, MemInfo memInfo) {
        this.root = root;
        this.memInfo = memInfo;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Object> defaultParameters() {
        return Map.of();
    }

    @Override
    public void checkParameters(Map<String, Object> hvparams) {
        // hv_fake has no parameters of its own
    }

    @Override
    public void start(HvInstance instance, boolean paused) {
        String name = instance.instance().name();
        Path file = file(name);
        if (Files.exists(file)) {
            throw hvError("Failed to start instance " + name + ": already running");
        }
        markUp(instance, "start");
    }

    /** The instance runs here from now on: its file, written atomically. */
    private void markUp(HvInstance instance, String what) {
        String name = instance.instance().name();
        Path file = file(name);
        long memory = number(instance.beparams(), "maxmem", number(instance.beparams(), "memory", 128));
        long vcpus = number(instance.beparams(), "vcpus", 1);
        try {
            Path tmp = Files.createTempFile(root, ".start-", ".tmp");
            Files.writeString(tmp, "0\n" + memory + "\n" + vcpus + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw hvError("Failed to " + what + " instance " + name + ": " + e.getMessage());
        }
    }

    @Override
    public void stop(HvInstance instance, boolean force, Duration timeout) {
        String name = instance.instance().name();
        try {
            if (!Files.deleteIfExists(file(name))) {
                throw hvError("Failed to stop instance " + name + ": not running");
            }
        } catch (IOException e) {
            throw hvError("Failed to stop instance " + name + ": " + e.getMessage());
        }
    }

    @Override
    public void reboot(HvInstance instance) {
        // as Ganeti's hv_fake: nothing to do
    }

    @Override
    public List<HvInstanceInfo> list() {
        List<HvInstanceInfo> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(root)) {
            for (Path p : files.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList()) {
                read(p.getFileName().toString()).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw hvError("Failed to list instances: " + e.getMessage());
        }
        return out;
    }

    @Override
    public Optional<HvInstanceInfo> info(String instanceName) {
        return read(instanceName);
    }

    private Optional<HvInstanceInfo> read(String name) {
        Path file = file(name);
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            long memory = lines.size() > 1 ? parse(lines.get(1)) : 0;
            int vcpus = lines.size() > 2 ? (int) parse(lines.get(2)) : 1;
            return Optional.of(new HvInstanceInfo(name, memory, vcpus, "running", 0));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw hvError("Failed to list instance " + name + ": " + e.getMessage());
        }
    }

    @Override
    public HvNodeInfo nodeInfo() {
        long used = list().stream().mapToLong(HvInstanceInfo::memory).sum();
        long free = memInfo.freeMiB();
        int cpus = Runtime.getRuntime().availableProcessors();
        return new HvNodeInfo(memInfo.totalMiB(), free - Math.min(free, used), memInfo.totalMiB() - free, cpus, 1, 1,
                cpus);
    }

    @Override
    public ConsoleInfo console(HvInstance instance) {
        return ConsoleInfo.message(instance.instance().name(), "Console not available for fake hypervisor");
    }

    @Override
    public List<String> verify() {
        return Files.isDirectory(root) ? List.of()
                : List.of("The required directory '" + root + "' does not exist");
    }

    @Override
    public boolean canMigrate() {
        return true;
    }

    // Migration as Ganeti's hv_fake: nothing moves but the instance's file; the target marks it up once the
    // migration succeeded, the source then marks it down.

    @Override
    public void acceptInstance(HvInstance instance, String info, String targetAddress) {
        if (Files.exists(file(instance.instance().name()))) {
            throw hvError("Can't accept instance, already running");
        }
    }

    @Override
    public void migrate(String clusterName, HvInstance instance, String targetAddress, boolean live) {
        String name = instance.instance().name();
        if (!Files.exists(file(name))) {
            throw hvError("Failed to migrate instance " + name + ": not running");
        }
    }

    @Override
    public HvMigrationStatus migrationStatus(HvInstance instance) {
        return HvMigrationStatus.completed();
    }

    @Override
    public void finalizeMigrationTarget(HvInstance instance, String info, boolean success) {
        if (success) {
            if (!Files.exists(file(instance.instance().name()))) {
                markUp(instance, "finalize migration of");
            }
        } else {
            markDown(instance.instance().name());
        }
    }

    @Override
    public void finalizeMigrationSource(HvInstance instance, boolean success, boolean live) {
        if (success) {
            markDown(instance.instance().name());
        }
    }

    private void markDown(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw hvError("Failed to mark instance " + name + " down: " + e.getMessage());
        }
    }

    private Path file(String instanceName) {
        if (instanceName.contains("/") || instanceName.startsWith(".")) {
            throw hvError("Invalid instance name '" + instanceName + "'");
        }
        return root.resolve(instanceName);
    }

    private static long number(Map<String, Object> m, String key, long dflt) {
        Object v = m.get(key);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s && !s.isBlank() && !s.equals("auto")) {
            return parse(s);
        }
        return dflt;
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static GanetiException hvError(String message) {
        return new GanetiException(ErrorClass.HypervisorError, message, null);
    }
}
