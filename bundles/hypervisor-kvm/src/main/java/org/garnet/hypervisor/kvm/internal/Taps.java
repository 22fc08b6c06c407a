package org.garnet.hypervisor.kvm.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.garnet.hypervisor.kvm.internal.KvmCommand.Tap;

/**
 * An instance's NICs as tap devices, set up with {@code ip} as Ganeti's {@code kvm-ifup} does: {@code bridged}
 * adds the tap to the bridge named by the NIC's link; {@code routed} brings it up with a host route to the NIC's
 * IP (in the routing table named by the link, if any). {@code openvswitch} is refused.
 */
final class Taps {
    private static final Duration IP_TIMEOUT = Duration.ofSeconds(10);

    private Taps() {
    }

    static void up(List<Tap> taps) throws IOException {
        List<Tap> made = new ArrayList<>();
        try {
            for (Tap t : taps) {
                if ("openvswitch".equals(t.mode())) {
                    throw new IOException("NIC mode openvswitch is not supported by this node's kvm driver");
                }
                if ("bridged".equals(t.mode()) && (t.link() == null || t.link().isEmpty())) {
                    throw new IOException("NIC " + t.mac() + " is bridged but names no bridge (link)");
                }
                ip(List.of("ip", "link", "del", t.name()), true); // a tap left by a killed qemu
                ip(List.of("ip", "tuntap", "add", "dev", t.name(), "mode", "tap"), false);
                made.add(t);
                if ("bridged".equals(t.mode())) {
                    ip(List.of("ip", "link", "set", t.name(), "master", t.link()), false);
                }
                ip(List.of("ip", "link", "set", t.name(), "up"), false);
                if ("routed".equals(t.mode()) && t.ip() != null && !t.ip().isEmpty()) {
                    List<String> route = new ArrayList<>(List.of("ip", "route", "replace", t.ip() + "/32", "dev",
                            t.name()));
                    if (t.link() != null && !t.link().isEmpty()) {
                        route.addAll(List.of("table", t.link()));
                    }
                    ip(route, false);
                }
            }
        } catch (IOException e) {
            down(made);
            throw e;
        }
    }

    static void down(List<Tap> taps) {
        for (Tap t : taps) {
            try {
                ip(List.of("ip", "link", "del", t.name()), true);
            } catch (IOException ignored) {
                // gone already
            }
        }
    }

    private static void ip(List<String> argv, boolean mayFail) throws IOException {
        Commands.Result r = Commands.run(argv, IP_TIMEOUT);
        if (!r.ok() && !mayFail) {
            throw new IOException("'" + String.join(" ", argv) + "' failed: " + r.tail());
        }
    }
}
