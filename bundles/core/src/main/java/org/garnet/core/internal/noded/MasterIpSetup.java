package org.garnet.core.internal.noded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.garnet.api.GanetiException;

/**
 * The node's side of {@code node_activate_master_ip} / {@code node_deactivate_master_ip}: runs the master IP setup
 * script with {@code start} or {@code stop} and Ganeti's environment ({@code MASTER_NETDEV}, {@code MASTER_IP},
 * {@code MASTER_NETMASK}, {@code CLUSTER_IP_VERSION}), nothing else inherited. The default script ships in this
 * bundle and is written to {@code <data root>/tools/master-ip-setup}; with {@code use_external_mip_script} the
 * administrator's {@code <data root>/scripts/master-ip-setup} runs instead (Ganeti's
 * {@code /etc/ganeti/scripts/master-ip-setup}).
 */
public final class MasterIpSetup {
    /** Ganeti's address families in {@code MasterNetworkParameters.ip_family}. */
    private static final int AF_INET6 = 10;
    private static final long TIMEOUT_SECONDS = 30;
    private final Path dataRoot;

    public MasterIpSetup(Path dataRoot) {
        this.dataRoot = dataRoot;
    }

    Path defaultScript() {
        return dataRoot.resolve("tools/master-ip-setup");
    }

    Path externalScript() {
        return dataRoot.resolve("scripts/master-ip-setup");
    }

    /** {@code params}: Ganeti's MasterNetworkParameters as a dict (uuid, ip, netmask, netdev, ip_family). */
    public void run(String action, Map<String, Object> params, boolean external) {
        Path script;
        try {
            script = external ? externalScript() : installDefault();
        } catch (IOException e) {
            throw GanetiException.exec("Failed to " + action + " the master IP: cannot write " + defaultScript()
                    + ": " + e.getMessage());
        }
        int family = params.get("ip_family") instanceof Number n ? n.intValue() : 2;
        ProcessBuilder pb = new ProcessBuilder(script.toString(), action).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("MASTER_NETDEV", String.valueOf(params.get("netdev")));
        env.put("MASTER_IP", String.valueOf(params.get("ip")));
        env.put("MASTER_NETMASK", String.valueOf(params.get("netmask")));
        env.put("CLUSTER_IP_VERSION", family == AF_INET6 ? "6" : "4");
        String output;
        int code;
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readNBytes(64 * 1024);
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw GanetiException.exec("Failed to " + action + " the master IP: " + script
                        + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            output = new String(out, StandardCharsets.UTF_8).strip();
            code = p.exitValue();
        } catch (IOException e) {
            throw GanetiException.exec("Failed to " + action + " the master IP: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GanetiException.exec("Failed to " + action + " the master IP: interrupted");
        }
        if (code != 0) {
            throw GanetiException.exec("Failed to " + action + " the master IP. Script return value: " + code
                    + ", output: '" + output + "'");
        }
        try {
            if (action.equals("start")) {
                Files.writeString(claimMark(), String.valueOf(params.get("ip")));
            } else if (action.equals("stop")) {
                Files.deleteIfExists(claimMark());
            }
        } catch (IOException e) {
            throw GanetiException.exec("The master IP was " + (action.equals("start") ? "activated" : "disabled")
                    + " but " + claimMark() + " could not be written: " + e.getMessage());
        }
    }

    /** The file that says this node activated the cluster IP (and has not disabled it since). */
    Path claimMark() {
        return dataRoot.resolve("master-ip.on");
    }

    /** Whether this node activated the cluster IP and has not disabled it since. */
    public boolean claimed() {
        return Files.exists(claimMark());
    }

    private Path installDefault() throws IOException {
        byte[] content;
        try (InputStream in = MasterIpSetup.class.getResourceAsStream("master-ip-setup")) {
            if (in == null) {
                throw new IOException("the bundle has no master-ip-setup");
            }
            content = in.readAllBytes();
        }
        Path target = defaultScript();
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content)
                && Files.isExecutable(target)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        // a name of its own per writer: two starts at once on one machine each install the script
        Path tmp = Files.createTempFile(target.getParent(), ".master-ip-setup", ".tmp");
        Files.write(tmp, content);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return target;
    }
}
