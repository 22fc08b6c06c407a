package org.garnet.core.internal.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.garnet.core.internal.CoreConfig;

/** This appliance's identity: node name (configured, else the host name) and primary address. */
public record LocalNode(String name, String address) {
    public static LocalNode of(CoreConfig config) {
        String name = config.node_name();
        if (name == null || name.isBlank()) {
            name = hostName();
        }
        return new LocalNode(name, config.node_address());
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return env != null ? env : "localhost";
        }
    }
}
