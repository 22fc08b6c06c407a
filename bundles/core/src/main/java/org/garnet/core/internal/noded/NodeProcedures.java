package org.garnet.core.internal.noded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.hypervisor.HvInstance;
import org.garnet.api.hypervisor.Hypervisor;
import org.garnet.api.model.Disk;
import org.garnet.api.os.OsDefinition;
import org.garnet.api.storage.DiskRequest;
import org.garnet.api.storage.DiskTemplate;
import org.garnet.core.internal.Json;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.node.LinuxNodeProbe;
import org.garnet.core.internal.node.OsInfo;
import org.garnet.core.internal.node.Ssconf;
import org.garnet.core.internal.os.OsRunner;
import org.garnet.core.internal.rpc.DataEnd;

/**
 * The local side of node RPC: each procedure by its name (Ganeti's where one exists) with positional JSON
 * arguments, done by this node's drivers, OS scripts and files. The node daemon calls it for the master (and the
 * master for itself, through its own node daemon); tests may call it in process.
 */
public final class NodeProcedures {
    /** One procedure: arguments in, a JSON-able result out (or a {@link GanetiException}). */
    @FunctionalInterface
    interface Procedure {
        Object call(Args args) throws Exception;
    }

    private static final ObjectMapper JSON = Json.mapper();
    /** How long an OS import or export script may run for one disk. */
    private static final Duration SCRIPT_TIMEOUT = Duration.ofHours(6);
    private final Map<String, Procedure> procedures = new TreeMap<>();
    private final Drivers drivers;
    private final OsRunner osRunner;
    private final Ssconf ssconf;
    private final LinuxNodeProbe probe = new LinuxNodeProbe();
    private final int version;
    private final String fileStorageDir;
    private final org.garnet.core.internal.node.NodeCrypto crypto;
    private final MasterIpSetup masterIp;
    private final org.garnet.core.internal.node.AncillaryFiles ancillary;
    private final DiskStreams streams;
    private final Exports exports;
    private final Path osLogs;
    /** The guests' serial consoles this node serves, by {@code <hypervisor>/<instance>}. */
    private final ConsolePumps consoles = new ConsolePumps();
    /** What to do once the node left its cluster (stop the node daemon). */
    private volatile Runnable onLeave;
    /** What to do once the node has a new certificate (restart the node daemon with it). */
    private volatile Runnable onNewCertificate;
    /** Runs what must wait until an answer is out (the daemon's restart or stop); by default a new thread. */
    private volatile java.util.function.Consumer<Runnable> afterAnswer = task -> {
        Thread t = new Thread(task, "garnet-node-lifecycle");
        t.setDaemon(true);
        t.start();
    };

    public NodeProcedures(Drivers drivers, Path dataRoot, int version) {
        this(drivers, dataRoot, version, "");
    }

    /**
     * {@code fileStorageDir}: where this node keeps the cluster's file storage directory, when not at the
     * cluster's path (several appliances on one machine each keep their own); empty = the cluster's path.
     */
    public NodeProcedures(Drivers drivers, Path dataRoot, int version, String fileStorageDir) {
        this.fileStorageDir = fileStorageDir == null ? "" : fileStorageDir;
        this.drivers = drivers;
        this.osRunner = new OsRunner(dataRoot.resolve("log/os"));
        this.ssconf = new Ssconf(dataRoot);
        this.version = version;
        this.crypto = new org.garnet.core.internal.node.NodeCrypto(dataRoot);
        this.masterIp = new MasterIpSetup(dataRoot);
        this.ancillary = new org.garnet.core.internal.node.AncillaryFiles(dataRoot);
        this.streams = new DiskStreams(dataRoot);
        this.exports = new Exports(dataRoot.resolve("srv/ganeti/export"));
        this.osLogs = dataRoot.resolve("log/os");
        hypervisor();
        storage();
        os();
        node();
    }

    void onLeave(Runnable action) {
        this.onLeave = action;
    }

    void onNewCertificate(Runnable action) {
        this.onNewCertificate = action;
    }

    void afterAnswer(java.util.function.Consumer<Runnable> scheduler) {
        this.afterAnswer = scheduler;
    }

    /** Runs {@code name} with {@code args}; unknown names are {@code OpExecError}s naming them. */
    public Object call(String name, ArrayNode args) throws Exception {
        Procedure p = procedures.get(name);
        if (p == null) {
            throw GanetiException.exec("Unknown node procedure '" + name + "'");
        }
        return p.call(new Args(args));
    }

    public boolean knows(String name) {
        return procedures.containsKey(name);
    }

    private void hypervisor() {
        procedures.put("hv_list", a -> hv(a.text(0)).list());
        procedures.put("hv_info", a -> hv(a.text(0)).info(a.text(1)).orElse(null));
        procedures.put("hv_start", a -> {
            hv(a.text(0)).start(a.as(1, HvInstance.class), a.bool(2));
            return null;
        });
        procedures.put("hv_stop", a -> {
            hv(a.text(0)).stop(a.as(1, HvInstance.class), a.bool(2), Duration.ofSeconds(a.number(3)));
            return null;
        });
        procedures.put("hv_reboot", a -> {
            hv(a.text(0)).reboot(a.as(1, HvInstance.class));
            return null;
        });
        procedures.put("hv_node_info", a -> hv(a.text(0)).nodeInfo());
        procedures.put("hv_console", a -> hv(a.text(0)).console(a.as(1, HvInstance.class)));
        procedures.put("console_input", a -> {
            consoles.write(a.text(0) + "/" + a.text(1), serialSocket(a.text(0), a.text(1)),
                    java.util.Base64.getDecoder().decode(a.text(2)));
            return null;
        });
        procedures.put("hv_verify", a -> hv(a.text(0)).verify());
        procedures.put("hv_defaults", a -> hv(a.text(0)).defaultParameters());
        procedures.put("hv_check", a -> {
            hv(a.text(0)).checkParameters(a.map(1));
            return null;
        });
        procedures.put("hv_can_migrate", a -> hv(a.text(0)).canMigrate());
        procedures.put("hv_migration_info", a -> hv(a.text(0)).migrationInfo(a.as(1, HvInstance.class)));
        procedures.put("hv_accept_instance", a -> {
            hv(a.text(0)).acceptInstance(a.as(1, HvInstance.class), a.text(2), a.text(3));
            return null;
        });
        procedures.put("hv_migrate", a -> {
            hv(a.text(0)).migrate(a.text(1), a.as(2, HvInstance.class), a.text(3), a.bool(4));
            return null;
        });
        procedures.put("hv_migration_status", a -> hv(a.text(0)).migrationStatus(a.as(1, HvInstance.class)));
        procedures.put("hv_finalize_migration_dst", a -> {
            hv(a.text(0)).finalizeMigrationTarget(a.as(1, HvInstance.class), a.text(2), a.bool(3));
            return null;
        });
        procedures.put("hv_finalize_migration_src", a -> {
            hv(a.text(0)).finalizeMigrationSource(a.as(1, HvInstance.class), a.bool(2), a.bool(3));
            return null;
        });
        procedures.put("hv_hotplug_supported", a -> {
            hv(a.text(0)).checkHotplug(a.as(1, HvInstance.class));
            return null;
        });
        procedures.put("hv_hotplug", a -> {
            hv(a.text(0)).hotplug(a.as(1, HvInstance.class), a.text(2), a.text(3), (int) a.number(4));
            return null;
        });
        procedures.put("hv_wait", a -> drivers.awaitHypervisor(a.text(0), () -> false, a.number(1)) != null);
        procedures.put("hv_types", a -> drivers.hypervisorTypes());
        procedures.put("all_instances_info", a -> {
            Map<String, List<org.garnet.api.hypervisor.HvInstanceInfo>> out = new TreeMap<>();
            for (String type : drivers.hypervisorTypes()) {
                drivers.hypervisor(type).ifPresent(hv -> out.put(type, hv.list()));
            }
            return out;
        });
    }

    /** This node's side of disk transfers between nodes. */
    public DiskStreams streams() {
        return streams;
    }

    private void storage() {
        procedures.put("blockdev_create", a -> {
            DiskRequest r = a.as(1, DiskRequest.class);
            return template(a.text(0)).create(new DiskRequest(r.instanceName(), r.instanceUuid(), r.index(),
                    r.diskUuid(), r.sizeMiB(), r.mode(), r.params(), new DiskRequest.Location(local(r.location()
                    .path()))));
        });
        procedures.put("blockdev_check", a -> {
            template(a.text(0)).checkDisk(a.map(1));
            return null;
        });
        procedures.put("blockdev_assemble", a -> template(a.text(0)).assemble(a.as(1, Disk.class)));
        procedures.put("blockdev_shutdown", a -> {
            template(a.text(0)).shutdown(a.as(1, Disk.class));
            return null;
        });
        procedures.put("blockdev_open", a -> {
            template(a.text(0)).open(a.as(1, Disk.class), a.bool(2));
            return null;
        });
        procedures.put("blockdev_close", a -> {
            template(a.text(0)).close(a.as(1, Disk.class));
            return null;
        });
        procedures.put("blockdev_snapshot", a -> template(a.text(0)).snapshot(a.as(1, Disk.class)));
        procedures.put("blockdev_grow", a -> {
            template(a.text(0)).grow(a.as(1, Disk.class), a.number(2));
            return null;
        });
        procedures.put("blockdev_remove", a -> {
            template(a.text(0)).remove(a.as(1, Disk.class));
            return null;
        });
        procedures.put("storage_space", a -> template(a.text(0)).space(new DiskRequest.Location(local(a.text(1)))));
        procedures.put("storage_used", a -> template(a.text(0)).usedMiB(new DiskRequest.Location(local(a.text(1)))));
        procedures.put("template_traits", a -> template(a.text(0)).traits());
        // disk data between nodes: the receiver expects it, the sender sends it (move, export, import)
        procedures.put("disk_import_start", a -> streams.expect(Path.of(template(a.text(0)).assemble(
                a.as(1, Disk.class)).path()), a.text(2), a.optText(3)));
        procedures.put("disk_import_cancel", a -> streams.cancel(a.text(0)));
        procedures.put("disk_export", a -> streams.send(Path.of(template(a.text(0)).assemble(a.as(1, Disk.class))
                .path()), a.text(2), a.text(3), a.text(4)));
        procedures.put("impexp_import_start", a -> streams.expect(sink(a.as(0, DataEnd.class)), a.text(1),
                a.optText(2)));
        procedures.put("impexp_export", a -> {
            DataEnd from = a.as(0, DataEnd.class);
            return streams.send(source(from), describe(from), a.text(1), a.text(2), a.text(3));
        });
        procedures.put("run_oob", a -> Oob.run(a.text(0), a.text(1), a.text(2), a.number(3)));
        // instance exports in this node's export directory (gnt-backup)
        procedures.put("export_list", a -> exports.list());
        procedures.put("export_info", a -> exports.info(a.text(0)));
        procedures.put("export_remove", a -> {
            exports.remove(a.text(0));
            return null;
        });
        procedures.put("export_prepare", a -> {
            exports.prepare(a.text(0));
            return null;
        });
        procedures.put("finalize_export", a -> {
            exports.finalize(a.text(0), a.text(1));
            return null;
        });
        procedures.put("file_storage_dir_rename", a -> {
            Path from = Path.of(a.text(0));
            Path to = Path.of(a.text(1));
            if (java.nio.file.Files.isDirectory(from) && !java.nio.file.Files.exists(to)) {
                java.nio.file.Files.move(from, to);
            }
            return null;
        });
    }

    private void os() {
        procedures.put("os_get", a -> drivers.os().find(a.text(0)).map(os -> OsInfo.of(a.text(0), os)).orElse(null));
        procedures.put("drivers_missing", a -> missingDriver(a.optText(0),
                JSON.convertValue(a.at(1), new com.fasterxml.jackson.core.type.TypeReference<List<String>>() { }),
                JSON.convertValue(a.at(2), new com.fasterxml.jackson.core.type.TypeReference<List<String>>() { }),
                a.optText(3)));
        procedures.put("extstorage_diagnose", a -> drivers.template("ext")
                .map(org.garnet.api.storage.DiskTemplate::extStorageProviders).orElse(List.of()));
        procedures.put("os_diagnose", a -> {
            Map<String, OsInfo> out = new LinkedHashMap<>();
            drivers.os().all().forEach((name, os) -> out.put(name, OsInfo.of(name, os)));
            return out;
        });
        procedures.put("os_run", a -> {
            OsDefinition os = requireOs(a.text(2));
            List<String> lines = new ArrayList<>();
            osRunner.run(os, OsDefinition.OsScript.valueOf(a.text(0)), a.text(1), a.text(2), a.text(3),
                    a.stringMap(4), Duration.ofSeconds(a.number(5)), line -> {
                        synchronized (lines) {
                            lines.add(line);
                        }
                    });
            return lines;
        });
        procedures.put("os_validate", a -> {
            OsRunner.verifyParameters(requireOs(a.text(0)), a.text(0), a.optText(1), a.map(2), a.text(3));
            return null;
        });
    }

    private void node() {
        procedures.put("version", a -> version);
        procedures.put("test_delay", a -> { // Ganeti's test_delay: sleeps here, uninterruptible
            long end = System.nanoTime() + (long) (a.at(0).asDouble() * 1e9);
            long left;
            while ((left = end - System.nanoTime()) > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(left);
            }
            return null;
        });
        procedures.put("release_versions", a -> {
            org.garnet.api.release.Releases r = drivers.releases().orElseThrow(() -> GanetiException.exec(
                    "this node has no release service (its bundle org.garnet.release is not active)"));
            return Map.of("running", r.running(), "installed", r.installed());
        });
        // the release agent's files on this node (gnt-cluster upgrade): the swap asked for, and how it went
        procedures.put("release_swap", a -> {
            org.garnet.core.internal.node.ReleaseFiles.local().requestSwap(a.text(0), a.text(1), (int) a.number(2));
            return null;
        });
        procedures.put("release_swap_state", a -> org.garnet.core.internal.node.ReleaseFiles.local().swapState());
        procedures.put("node_info", a -> probe.probe(Path.of(local(a.text(0)))));
        procedures.put("write_ssconf_files", a -> {
            Map<String, String> values = a.stringMap(0);
            String stale = org.garnet.core.internal.node.SsconfValues.staleGroup(values, ssconf.all());
            if (stale != null) {
                throw GanetiException.exec(stale);
            }
            ssconf.write(values);
            ensureStorageDirectories();
            return null;
        });
        procedures.put("read_ssconf_files", a -> ssconf.all());
        // Ganeti's (path, [encoding, data], mode, owner, group, atime, mtime); only the ancillary files' list
        procedures.put("upload_file", a -> {
            JsonNode content = a.at(1);
            if (!content.isArray() || content.size() != 2) {
                throw GanetiException.exec("upload_file: the file's data must be [encoding, data]");
            }
            ancillary.write(a.text(0), content.get(0).asInt(), content.get(1).asText(), (int) a.number(2));
            return null;
        });
        procedures.put("driver_bundles", a -> org.garnet.core.internal.node.DriverBundles.ofThisAppliance()
                .digests());
        procedures.put("node_crypto_tokens", a -> crypto.fingerprint());
        // as Ganeti's IPAddress.Own: the node has the address when it can bind to it
        procedures.put("node_has_ip_address", a -> NodeDaemon.bindable(a.text(0)));
        procedures.put("node_certificate_install", a -> {
            try {
                crypto.installOwn(a.text(0));
            } catch (IllegalArgumentException e) {
                throw GanetiException.exec(e.getMessage());
            }
            // answered first; the daemon then serves with the new certificate
            Runnable restart = onNewCertificate;
            if (restart != null) {
                afterAnswer.accept(restart);
            }
            return null;
        });
        procedures.put("node_activate_master_ip", a -> {
            masterIp.run("start", a.map(0), a.bool(1));
            return null;
        });
        procedures.put("node_deactivate_master_ip", a -> {
            masterIp.run("stop", a.map(0), a.bool(1));
            return null;
        });
        procedures.put("node_leave_cluster", a -> {
            // answered first; the node forgets its cluster right after (its daemon stops with the certificates)
            afterAnswer.accept(() -> {
                ssconf.clear();
                crypto.delete();
                Runnable leave = onLeave;
                if (leave != null) {
                    leave.run();
                }
            });
            return null;
        });
        procedures.put("node_verify", a -> NodeVerify.run(drivers, localKeys(a.stringMap(0)),
                JSON.convertValue(a.at(1), new com.fasterxml.jackson.core.type.TypeReference<List<String>>() { }),
                a.optText(3) == null ? Map.of() : JSON.convertValue(a.at(3),
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Map<String, Object>>>() { }),
                JSON.convertValue(a.at(2), new com.fasterxml.jackson.core.type.TypeReference<List<Disk>>() { }),
                version));
    }

    /** The cluster's file storage directory (or a path under it) where this node keeps it. */
    /**
     * The cluster's file storage directories, at this node's place for them, exist once the node knows the
     * cluster (as Ganeti's node set-up makes its directories): a node added later holds them too.
     */
    private void ensureStorageDirectories() {
        for (String key : List.of("file_storage_dir", "shared_file_storage_dir")) {
            String dir = ssconf.value(key).map(this::local).orElse("");
            if (dir.isBlank()) {
                continue;
            }
            try {
                java.nio.file.Files.createDirectories(Path.of(dir));
            } catch (java.io.IOException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(NodeProcedures.class).warn("cannot create {}: {}", dir,
                        e.getMessage());
            }
        }
    }

    String local(String path) {
        if (fileStorageDir.isEmpty() || path == null) {
            return path;
        }
        String cluster = ssconf.value("file_storage_dir").orElse("");
        if (cluster.isEmpty() || cluster.equals(fileStorageDir)) {
            return path;
        }
        if (path.equals(cluster)) {
            return fileStorageDir;
        }
        return path.startsWith(cluster + "/") ? fileStorageDir + path.substring(cluster.length()) : path;
    }

    private Map<String, String> localKeys(Map<String, String> dirs) {
        Map<String, String> out = new LinkedHashMap<>();
        dirs.forEach((k, v) -> out.put(local(k), v));
        return out;
    }

    /**
     * The first of these drivers this node lacks now, in words, or null; the OS counts only when its bundle was
     * here and went (an OS never seen is Ganeti's error, not a wait).
     */
    private String missingDriver(String hypervisor, List<String> templates, List<String> providers, String os) {
        if (hypervisor != null && !hypervisor.isEmpty() && drivers.hypervisor(hypervisor).isEmpty()) {
            return "hypervisor '" + hypervisor + "'";
        }
        for (String t : templates) {
            if (drivers.template(t).isEmpty()) {
                return "disk template '" + t + "'";
            }
        }
        if (!providers.isEmpty()) {
            java.util.Set<String> here = new java.util.HashSet<>();
            drivers.template("ext").ifPresent(ext -> ext.extStorageProviders().stream()
                    .filter(org.garnet.api.storage.ExtStorageInfo::valid).forEach(i -> here.add(i.name())));
            for (String p : providers) {
                if (!here.contains(p)) {
                    return "ExtStorage provider '" + p + "'";
                }
            }
        }
        if (os != null && drivers.os().missing(os)) {
            return "OS definition '" + os + "'";
        }
        return null;
    }

    ConsolePumps consoles() {
        return consoles;
    }

    /** The unix socket of a running instance's serial console here (for the node daemon's console stream). */
    public java.nio.file.Path serialSocket(String hypervisor, String instance) {
        return hv(hypervisor).serialSocket(instance).orElseThrow(() -> GanetiException.exec("Instance " + instance
                + " has no serial console on this node (not running here, or its serial_console is off)"));
    }

    private Hypervisor hv(String type) {
        return drivers.hypervisor(type).orElseThrow(() -> GanetiException.prereq("Hypervisor '" + type
                + "' is not available (its bundle is not active)", ErrorCode.ECODE_ENVIRON));
    }

    /** Where data received for {@code end} goes. */
    private DiskStreams.Sink sink(DataEnd end) {
        return switch (end.kind()) {
            case DataEnd.DISK -> DiskStreams.diskSink(diskPath(end));
            case DataEnd.FILE -> DiskStreams.fileSink(exports.file(end.path()));
            case DataEnd.DEPLOY -> org.garnet.core.internal.node.DriverBundles.ofThisAppliance().sink(end.path());
            case DataEnd.SCRIPT -> ScriptStreams.sink(script(end, OsDefinition.OsScript.import_),
                    scriptEnv(end, "IMPORT"), scriptLog(end, "import"), SCRIPT_TIMEOUT);
            default -> throw GanetiException.exec("Unknown transfer end '" + end.kind() + "'");
        };
    }

    /** Where data sent for {@code end} comes from. */
    private DiskStreams.Source source(DataEnd end) {
        return switch (end.kind()) {
            case DataEnd.DISK -> DiskStreams.fileSource(diskPath(end));
            case DataEnd.FILE -> DiskStreams.fileSource(exports.file(end.path()));
            case DataEnd.DEPLOY -> DiskStreams.fileSource(org.garnet.core.internal.node.DriverBundles
                    .ofThisAppliance().path(end.path()));
            case DataEnd.SCRIPT -> ScriptStreams.source(script(end, OsDefinition.OsScript.export),
                    scriptEnv(end, "EXPORT"), scriptLog(end, "export"), SCRIPT_TIMEOUT);
            default -> throw GanetiException.exec("Unknown transfer end '" + end.kind() + "'");
        };
    }

    private String describe(DataEnd end) {
        return switch (end.kind()) {
            case DataEnd.FILE -> exports.file(end.path()).toString();
            case DataEnd.DEPLOY -> org.garnet.core.internal.node.DriverBundles.ofThisAppliance().path(end.path())
                    .toString();
            case DataEnd.SCRIPT -> "the output of OS " + end.os() + "'s export script";
            default -> diskPath(end).toString();
        };
    }

    private Path diskPath(DataEnd end) {
        String path = template(end.template()).assemble(end.disk()).path();
        if (path == null || path.isEmpty()) {
            throw GanetiException.exec("Disk " + end.disk().uuid() + " has no block device to read or write here "
                    + "(its storage gives userspace access only)");
        }
        return Path.of(path);
    }

    private Path script(DataEnd end, OsDefinition.OsScript which) {
        return requireOs(end.os()).script(which).orElseThrow(() -> GanetiException.exec("OS " + end.os()
                + " has no " + which.fileName() + " script"));
    }

    /** The OS environment and Ganeti's {@code IMPORT_*}/{@code EXPORT_*} variables for the disk. */
    private Map<String, String> scriptEnv(DataEnd end, String prefix) {
        Map<String, String> env = new TreeMap<>(end.env());
        String path = diskPath(end).toString();
        env.put(prefix + "_DEVICE", path);
        env.put(prefix + "_DISK_PATH", path);
        env.put(prefix + "_INDEX", Integer.toString(end.index()));
        return env;
    }

    private Path scriptLog(DataEnd end, String action) {
        return osLogs.resolve(action + "-" + end.os() + "-" + end.env().getOrDefault("INSTANCE_NAME", "unknown")
                + "-" + end.index() + "-" + System.currentTimeMillis() + ".log");
    }

    private DiskTemplate template(String name) {
        return drivers.requireTemplate(name);
    }

    private OsDefinition requireOs(String name) {
        return drivers.os().find(name).orElseThrow(() -> GanetiException.prereq("OS '" + name
                + "' not in supported OS list", ErrorCode.ECODE_INVAL));
    }

    /** Positional arguments with typed access. */
    static final class Args {
        private final ArrayNode values;

        Args(ArrayNode values) {
            this.values = values;
        }

        JsonNode at(int i) {
            if (i >= values.size()) {
                throw GanetiException.exec("missing argument " + (i + 1));
            }
            return values.get(i);
        }

        String text(int i) {
            return at(i).asText();
        }

        String optText(int i) {
            return i < values.size() && !values.get(i).isNull() ? values.get(i).asText() : null;
        }

        boolean bool(int i) {
            return at(i).asBoolean();
        }

        long number(int i) {
            return at(i).asLong();
        }

        <T> T as(int i, Class<T> type) {
            return JSON.convertValue(at(i), type);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(int i) {
            return at(i).isNull() ? Map.of() : JSON.convertValue(at(i), Map.class);
        }

        Map<String, String> stringMap(int i) {
            Map<String, String> out = new LinkedHashMap<>();
            at(i).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }
    }
}
