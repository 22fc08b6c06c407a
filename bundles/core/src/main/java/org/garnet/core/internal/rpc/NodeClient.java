package org.garnet.core.internal.rpc;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.garnet.api.ErrorClass;
import org.garnet.api.GanetiException;
import org.garnet.api.config.NodeLiveData;
import org.garnet.api.hypervisor.Hypervisor;
import org.garnet.api.model.Node;
import org.garnet.api.storage.DiskTemplate;
import org.garnet.core.internal.Json;
import org.garnet.core.internal.node.OsInfo;

/**
 * One node as the master sees it: everything a logical unit asks of a node goes through here, to that node's
 * daemon (the master's own included). Hypervisors and disk templates come back as the SPI interfaces, their
 * calls made on the node; OS scripts run there.
 */
public final class NodeClient {
    private static final ObjectMapper JSON = Json.mapper();
    private final Node node;
    private final Transport transport;

    NodeClient(Node node, Transport transport) {
        this.node = node;
        this.transport = transport;
    }

    public Node node() {
        return node;
    }

    /** Whether the node daemon answers (its version) within {@code within}: a liveness probe. */
    public boolean answers(Duration within) {
        try {
            transport.impatient().call(node, "version", List.of(), within).get(within.toMillis(),
                    TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Calls {@code procedure} and waits for its answer (at most its timeout, plus the connection's). */
    public JsonNode call(String procedure, RpcTimeout timeout, Object... args) {
        return call(procedure, timeout.duration(), args);
    }

    /** Calls {@code procedure} with a timeout of its own ({@code limit}) and waits for its answer. */
    private JsonNode call(String procedure, Duration limit, Object... args) {
        try {
            return transport.call(node, procedure, Arrays.asList(args), limit)
                    .get(limit.toSeconds() + HttpsTransport.CONNECT_SECONDS + 5
                            + transport.patience(node).toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GanetiException g) {
                throw g;
            }
            throw GanetiException.exec("Error while calling " + procedure + " on node " + node.name() + ": "
                    + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw GanetiException.exec("Error while calling " + procedure + " on node " + node.name()
                    + ": no answer within " + limit.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GanetiException(ErrorClass.JobCanceled, "Interrupted while calling " + procedure + " on node "
                    + node.name(), null);
        }
    }

    <T> T call(Class<T> type, String procedure, RpcTimeout timeout, Object... args) {
        JsonNode result = call(procedure, timeout, args);
        return result == null || result.isNull() ? null : JSON.convertValue(result, type);
    }

    <T> T call(TypeReference<T> type, String procedure, RpcTimeout timeout, Object... args) {
        JsonNode result = call(procedure, timeout, args);
        return result == null || result.isNull() ? null : JSON.convertValue(result, type);
    }

    /** The node's hypervisor of that type (its calls go to the node). */
    public Hypervisor hypervisor(String type) {
        return new RemoteHypervisor(this, type);
    }

    /**
     * Waits until the node has the hypervisor's bundle active, while {@code cancelled} stays false, at most
     * {@code maxMillis}; a job needing a hypervisor that is being replaced waits instead of failing.
     */
    public Hypervisor awaitHypervisor(String type, BooleanSupplier cancelled, long maxMillis) {
        long deadline = System.currentTimeMillis() + maxMillis;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            if (Boolean.TRUE.equals(call(Boolean.class, "hv_wait", RpcTimeout.URGENT, type,
                    Math.max(0, Math.min(left, 2_000))))) {
                return hypervisor(type);
            }
            if (cancelled.getAsBoolean()) {
                throw new GanetiException(ErrorClass.JobCanceled, "Job canceled by request", null);
            }
            if (System.currentTimeMillis() >= deadline) {
                throw GanetiException.prereq("Hypervisor '" + type + "' is not available on node " + node.name()
                        + " (its bundle is not active)", org.garnet.api.ErrorCode.ECODE_ENVIRON);
            }
        }
    }

    /**
     * The first driver the node lacks now of a hypervisor, disk templates and ExtStorage providers, in words
     * ({@code "ExtStorage provider 'loop' on node node1"}), or null when it has them all.
     */
    public String missingDriver(String hypervisor, List<String> templates, List<String> providers) {
        return missingDriver(hypervisor, templates, providers, null);
    }

    /** As above, with the OS definition a job runs the scripts of ({@code null}: none). */
    public String missingDriver(String hypervisor, List<String> templates, List<String> providers, String os) {
        String missing = call(String.class, "drivers_missing", RpcTimeout.URGENT, hypervisor, templates, providers,
                os);
        return missing == null ? null : missing + " on node " + node.name();
    }

    /** Whether the node has the hypervisor's bundle active now. */
    public boolean hasHypervisor(String type) {
        return hypervisorTypes().contains(type);
    }

    public List<String> hypervisorTypes() {
        return call(new TypeReference<List<String>>() { }, "hv_types", RpcTimeout.URGENT);
    }

    /** What every hypervisor bound on the node runs, by hypervisor type (Ganeti's all_instances_info). */
    public Map<String, List<org.garnet.api.hypervisor.HvInstanceInfo>> allInstances() {
        return call(new TypeReference<Map<String, List<org.garnet.api.hypervisor.HvInstanceInfo>>>() { },
                "all_instances_info", RpcTimeout.URGENT);
    }

    /** The node's disk template driver of that name. */
    public DiskTemplate template(String name) {
        return new RemoteTemplate(this, name);
    }

    /** The OS definition as the node has it, if it has it. */
    public Optional<OsInfo> os(String name) {
        return Optional.ofNullable(call(OsInfo.class, "os_get", RpcTimeout.URGENT, name));
    }

    /** Every OS definition of the node. */
    /** The ExtStorage providers the node has (its ext template's; none without one). */
    public List<org.garnet.api.storage.ExtStorageInfo> extStorageDiagnose() {
        return call(new TypeReference<List<org.garnet.api.storage.ExtStorageInfo>>() { }, "extstorage_diagnose",
                RpcTimeout.FAST);
    }

    public Map<String, OsInfo> osDiagnose() {
        return call(new TypeReference<Map<String, OsInfo>>() { }, "os_diagnose", RpcTimeout.FAST);
    }

    /** Runs an OS script on the node; returns its output lines. */
    public List<String> runOs(org.garnet.api.os.OsDefinition.OsScript script, String action, String osName,
                              String instance, Map<String, String> env, Duration timeout) {
        RpcTimeout rpc = timeout.compareTo(RpcTimeout.SLOW.duration()) <= 0 ? RpcTimeout.SLOW : RpcTimeout.ONE_DAY;
        return call(new TypeReference<List<String>>() { }, "os_run", rpc, script.name(), action, osName, instance,
                env, timeout.toSeconds());
    }

    /** Ganeti's OS parameter validation, on the node. */
    public void validateOs(String osName, String variant, Map<String, Object> osparams) {
        call("os_validate", RpcTimeout.FAST, osName, variant, osparams, node.name());
    }

    /** Live figures of the node (memory, CPUs, storage of {@code storageDir}). */
    public NodeLiveData liveData(String storageDir) {
        return call(NodeLiveData.class, "node_info", RpcTimeout.URGENT, storageDir);
    }

    /**
     * The node's checks for {@code gnt-cluster verify}: its storage {@code dirs}, its {@code hypervisors} with the
     * cluster's parameters for them, the instances' {@code disks} there.
     */
    public org.garnet.core.internal.node.NodeVerifyReport verify(Map<String, String> dirs, List<String> hypervisors,
                                                                 List<org.garnet.api.model.Disk> disks,
                                                                 Map<String, Map<String, Object>> hvparams) {
        return call(org.garnet.core.internal.node.NodeVerifyReport.class, "node_verify", RpcTimeout.FAST, dirs,
                hypervisors, disks, hvparams);
    }

    /** The serial console output of {@code instance} (of hypervisor {@code hv}) running on this node. */
    public java.io.InputStream serialStream(String hv, String instance) {
        return transport.stream(node, "console/" + hv + "/" + instance);
    }

    /** Types {@code input} into the serial console of {@code instance} running on this node. */
    public void serialInput(String hv, String instance, byte[] input) {
        call("console_input", RpcTimeout.URGENT, hv, instance,
                java.util.Base64.getEncoder().encodeToString(input));
    }

    /** Ganeti's numeric version of the node's software. */
    public int version() {
        return call(Integer.class, "version", RpcTimeout.URGENT);
    }

    /** Sleeps {@code seconds} on the node (Ganeti's test_delay, its timeout the duration and 5 s). */
    public void testDelay(double seconds) {
        call("test_delay", Duration.ofMillis((long) (seconds * 1000) + 5000), seconds);
    }

    /** SHA-1 digest of the node's certificate (Ganeti's node_crypto_tokens). */
    public String certificateDigest() {
        return call(String.class, "node_crypto_tokens", RpcTimeout.URGENT);
    }

    public boolean hasIpAddress(String ip) {
        return Boolean.TRUE.equals(call(Boolean.class, "node_has_ip_address", RpcTimeout.URGENT, ip));
    }

    /** The node takes a new certificate (PEM key and chain) and restarts its daemon with it. */
    public void installCertificate(String pem) {
        call("node_certificate_install", RpcTimeout.FAST, pem);
    }

    /** Runs the master IP setup script with {@code start} (Ganeti's MasterNetworkParameters dict). */
    public void activateMasterIp(Map<String, Object> masterParams, boolean externalScript) {
        call("node_activate_master_ip", RpcTimeout.FAST, masterParams, externalScript);
    }

    /** The Garnet versions this node has (Ganeti has its versions side by side too): the running one and all. */
    public org.garnet.api.release.NodeRelease releases() {
        JsonNode r = call("release_versions", RpcTimeout.FAST);
        List<String> installed = new java.util.ArrayList<>();
        r.path("installed").forEach(v -> installed.add(v.asText()));
        return new org.garnet.api.release.NodeRelease(node().name(), r.path("running").asText(), installed, null);
    }

    /** Asks the node's release agent to swap to release {@code to}, within {@code boundSeconds}. */
    public void requestSwap(String id, String to, int boundSeconds) {
        call("release_swap", RpcTimeout.FAST, id, to, boundSeconds);
    }

    /** The node's release agent's state of its last swap (id, from, to, state, message); empty: none. */
    public Map<String, String> swapState() {
        return call(new TypeReference<Map<String, String>>() { }, "release_swap_state", RpcTimeout.FAST);
    }

    /** The driver bundles (ExtStorage providers, OS definitions) in the node's deploy/: file name → SHA-256. */
    public Map<String, String> driverBundles() {
        return call(new TypeReference<Map<String, String>>() { }, "driver_bundles", RpcTimeout.FAST);
    }

    /** Ganeti's {@code upload_file}: one of the ancillary files, by Ganeti's path, compressed. */
    public void uploadFile(String ganetiPath, byte[] content, int mode) {
        double now = System.currentTimeMillis() / 1000.0;
        call("upload_file", RpcTimeout.NORMAL, ganetiPath, List.of(1,
                org.garnet.core.internal.node.AncillaryFiles.encode(content)), mode, null, null, now, now);
    }

    /** Runs the master IP setup script with {@code stop}. */
    public void deactivateMasterIp(Map<String, Object> masterParams, boolean externalScript) {
        call("node_deactivate_master_ip", RpcTimeout.FAST, masterParams, externalScript);
    }

    /** The node forgets its cluster: ssconf and certificates; its node daemon stops. */
    public void leaveCluster() {
        call("node_leave_cluster", RpcTimeout.URGENT);
    }

    public void writeSsconf(Map<String, String> values) {
        call("write_ssconf_files", RpcTimeout.FAST, values);
    }

    public void renameFileStorageDir(String from, String to) {
        call("file_storage_dir_rename", RpcTimeout.FAST, from, to);
    }

    /** Makes the node expect disk data for {@code disk} from the node with certificate {@code peerDigest}. */
    public String expectDiskData(String template, org.garnet.api.model.Disk disk, String compress, String peerDigest) {
        return call(String.class, "disk_import_start", RpcTimeout.FAST, template, disk, compress, peerDigest);
    }

    /** Drops an expected import that will not come; answers why it failed on this node, if it did. */
    public String cancelDiskData(String importId) {
        return call(String.class, "disk_import_cancel", RpcTimeout.URGENT, importId);
    }

    /**
     * Sends {@code disk}'s data from this node to import {@code importId} on the node at {@code host}; answers
     * {@code bytes} (written there), {@code sent} (on the wire) and {@code seconds}.
     */
    public Map<String, Object> sendDiskData(String template, org.garnet.api.model.Disk disk, String compress,
                                            String host, String importId) {
        return call(new TypeReference<Map<String, Object>>() { }, "disk_export", RpcTimeout.ONE_DAY, template, disk,
                compress, host, importId);
    }
    /** Makes the node expect data for {@code end} (a disk, an export file, an OS import script) from a peer. */
    public String expectData(DataEnd end, String compress, String peerDigest) {
        return call(String.class, "impexp_import_start", RpcTimeout.FAST, end, compress, peerDigest);
    }

    /** Sends what {@code end} gives on this node to import {@code importId} at {@code host}; as sendDiskData. */
    public Map<String, Object> sendData(DataEnd end, String compress, String host, String importId) {
        return call(new TypeReference<Map<String, Object>>() { }, "impexp_export", RpcTimeout.ONE_DAY, end, compress,
                host, importId);
    }

    /** The names of the exports on the node (fails when it has no export directory yet). */
    public List<String> exportList() {
        return call(new TypeReference<List<String>>() { }, "export_list", RpcTimeout.FAST);
    }

    /** The {@code config.ini} text of the export at {@code path} (a name, or a path in the export directory). */
    public String exportInfo(String path) {
        return call(String.class, "export_info", RpcTimeout.FAST, path);
    }

    public void exportRemove(String name) {
        call("export_remove", RpcTimeout.FAST, name);
    }

    /** An empty {@code NAME.new} in the node's export directory. */
    public void exportPrepare(String name) {
        call("export_prepare", RpcTimeout.FAST, name);
    }

    /** Writes the export's {@code config.ini} and puts {@code NAME.new} in the place of {@code NAME}. */
    public void finalizeExport(String name, String config) {
        call("finalize_export", RpcTimeout.FAST, name, config);
    }

    /**
     * Runs an out-of-band program on this node ({@code PROGRAM COMMAND NODE}, Ganeti's run_oob): its JSON answer,
     * null when it printed nothing.
     */
    public Object runOob(String program, String command, String node, long timeoutSeconds) {
        return call(Object.class, "run_oob", RpcTimeout.NORMAL, program, command, node, timeoutSeconds);
    }
}
