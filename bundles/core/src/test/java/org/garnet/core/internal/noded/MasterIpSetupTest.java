package org.garnet.core.internal.noded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.garnet.api.GanetiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The master IP setup script runs with {@code start}/{@code stop} and exactly Ganeti's four variables (plus a
 * PATH); a failing script's exit status and output make Ganeti's message. The default script is installed from
 * the bundle, executable, on first use.
 */
class MasterIpSetupTest {
    @TempDir
    Path root;

    private static Map<String, Object> params(int family) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", "u-1");
        m.put("ip", family == 10 ? "fd00::10" : "192.0.2.10");
        m.put("netmask", family == 10 ? 128 : 24);
        m.put("netdev", "br0");
        m.put("ip_family", family);
        return m;
    }

    /** A loopback cluster IP on {@code lo}, for the tests that run the real script with {@code ip}: needs root. */
    private static Map<String, Object> onLo(String ip) {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "adding an address to lo needs root");
        Map<String, Object> p = params(2);
        p.put("ip", ip);
        p.put("netmask", 32);
        p.put("netdev", "lo");
        return p;
    }

    private Path external(String body) throws Exception {
        Path script = root.resolve("scripts/master-ip-setup");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void theExternalScriptGetsTheActionAndGanetisEnvironmentOnly() throws Exception {
        Path seen = root.resolve("seen");
        external("{ echo \"$1\"; env | grep -v '^PWD=' | grep -v '^SHLVL=' | grep -v '^_=' | sort; } > " + seen
                + "\n");
        new MasterIpSetup(root).run("start", params(2), true);
        assertEquals(String.join("\n", "start", "CLUSTER_IP_VERSION=4", "MASTER_IP=192.0.2.10",
                "MASTER_NETDEV=br0", "MASTER_NETMASK=24", "PATH=/usr/sbin:/usr/bin:/sbin:/bin"),
                Files.readString(seen).strip());
        new MasterIpSetup(root).run("stop", params(10), true);
        String six = Files.readString(seen);
        assertTrue(six.startsWith("stop\nCLUSTER_IP_VERSION=6\nMASTER_IP=fd00::10\n"), six);
    }

    @Test
    void aFailingScriptGivesGanetisMessage() throws Exception {
        external("echo 'Error: master IP address configured on another machine.' >&2\nexit 3\n");
        GanetiException e = assertThrows(GanetiException.class,
                () -> new MasterIpSetup(root).run("start", params(2), true));
        assertEquals("Failed to start the master IP. Script return value: 3, output: "
                + "'Error: master IP address configured on another machine.'", e.getMessage());
    }

    @Test
    void theDefaultScriptIsInstalledExecutable() throws Exception {
        MasterIpSetup setup = new MasterIpSetup(root);
        // an unknown action makes the bundled script print its usage before touching any device
        GanetiException e = assertThrows(GanetiException.class, () -> setup.run("bogus", params(2), false));
        assertEquals("Failed to bogus the master IP. Script return value: 1, output: 'Usage: "
                + setup.defaultScript() + " {start|stop}'", e.getMessage());
        assertTrue(Files.isExecutable(setup.defaultScript()));
    }

    /**
     * The new master's own check and its failover both turn the cluster IP on: two starts at once on this machine
     * both succeed (the second found it added meanwhile). Real {@code ip} on {@code lo}; needs root.
     */
    @Test
    void twoStartsAtOnceOnOneMachineBothSucceed() throws Exception {
        Map<String, Object> p = onLo("127.0.0.98");
        MasterIpSetup setup = new MasterIpSetup(root);
        try {
            for (int round = 0; round < 5; round++) {
                var a = java.util.concurrent.CompletableFuture.runAsync(() -> setup.run("start", p, false));
                var b = java.util.concurrent.CompletableFuture.runAsync(() -> setup.run("start", p, false));
                a.join(); // fails the test with the script's message if either start failed
                b.join();
                assertTrue(java.net.NetworkInterface.getByInetAddress(java.net.InetAddress.getByName("127.0.0.98"))
                        != null, "the address is on lo");
                setup.run("stop", p, false);
            }
        } finally {
            setup.run("stop", p, false);
        }
    }

    /**
     * The old master's role change and the failover's own request both turn the cluster IP off: two stops at once
     * on this machine both succeed (the second found it removed meanwhile). Real {@code ip} on {@code lo}; needs
     * root.
     */
    @Test
    void twoStopsAtOnceOnOneMachineBothSucceed() throws Exception {
        Map<String, Object> p = onLo("127.0.0.97");
        MasterIpSetup setup = new MasterIpSetup(root);
        try {
            for (int round = 0; round < 10; round++) {
                setup.run("start", p, false);
                var a = java.util.concurrent.CompletableFuture.runAsync(() -> setup.run("stop", p, false));
                var b = java.util.concurrent.CompletableFuture.runAsync(() -> setup.run("stop", p, false));
                a.join(); // fails the test with the script's message if either stop failed
                b.join();
                assertTrue(java.net.NetworkInterface.getByInetAddress(java.net.InetAddress.getByName("127.0.0.97"))
                        == null, "the address is off lo");
            }
        } finally {
            setup.run("stop", p, false);
        }
    }
}
