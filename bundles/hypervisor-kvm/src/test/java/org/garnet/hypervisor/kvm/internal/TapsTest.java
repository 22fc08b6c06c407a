package org.garnet.hypervisor.kvm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.garnet.hypervisor.kvm.internal.KvmCommand.Tap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * NIC taps as Ganeti's kvm-ifup makes them, with real tap devices (/dev/net/tun; root): routed mode brings the tap up
 * with a host route to the NIC's IP in the routing table its link names, and the route goes with the tap.
 */
class TapsTest {
    private static final String TAP = "gttapstest0";
    private static final String TABLE = "4711";

    @BeforeEach
    void root() {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "tap devices and routes need root");
    }

    @AfterEach
    void cleanUp() throws IOException {
        Commands.run(List.of("ip", "link", "del", TAP), Duration.ofSeconds(10));
    }

    private static String run(String... argv) throws IOException {
        return Commands.run(List.of(argv), Duration.ofSeconds(10)).output();
    }

    @Test
    void routedModeRoutesTheNicsIpToItsTapInTheLinksTable() throws IOException {
        Taps.up(List.of(new Tap(TAP, "routed", TABLE, "aa:00:00:00:00:01", "192.0.2.77")));
        assertTrue(run("ip", "-o", "link", "show", TAP).contains("UP"), "the tap is up");
        assertTrue(run("ip", "route", "show", "table", TABLE).contains("192.0.2.77 dev " + TAP),
                run("ip", "route", "show", "table", TABLE));
        assertFalse(run("ip", "route", "show").contains("192.0.2.77"), "not in the main table");
        Taps.down(List.of(new Tap(TAP, "routed", TABLE, "aa:00:00:00:00:01", "192.0.2.77")));
        assertFalse(run("ip", "route", "show", "table", TABLE).contains("192.0.2.77"), "the route went with the tap");
    }

    @Test
    void aBridgedNicWithoutABridgeAndOpenvswitchAreRefused() {
        IOException noLink = assertThrows(IOException.class, () -> Taps.up(List.of(new Tap(TAP, "bridged", "",
                "aa:00:00:00:00:02", null))));
        assertEquals("NIC aa:00:00:00:00:02 is bridged but names no bridge (link)", noLink.getMessage());
        IOException ovs = assertThrows(IOException.class, () -> Taps.up(List.of(new Tap(TAP, "openvswitch", "br",
                "aa:00:00:00:00:03", null))));
        assertEquals("NIC mode openvswitch is not supported by this node's kvm driver", ovs.getMessage());
    }
}
