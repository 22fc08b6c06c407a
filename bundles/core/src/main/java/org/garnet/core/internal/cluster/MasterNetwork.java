package org.garnet.core.internal.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import org.garnet.api.model.Cluster;

/**
 * Ganeti's {@code MasterNetworkParameters} of a cluster, the dict the master IP calls carry: the master node's
 * uuid, the cluster IP, its netmask, the device and the address family (2 = IPv4, 10 = IPv6).
 */
public final class MasterNetwork {
    /** Garnet has no {@code --use-external-mip-script} yet: the default script always runs. */
    public static final boolean USE_EXTERNAL_SCRIPT = false;

    private MasterNetwork() {
    }

    /** Runs the master IP setup script with {@code start} ({@code on}) or {@code stop} on the master's node. */
    public static void turn(org.garnet.core.internal.rpc.NodeClient master, Cluster c, boolean on) {
        if (on) {
            master.activateMasterIp(params(c), USE_EXTERNAL_SCRIPT);
        } else {
            master.deactivateMasterIp(params(c), USE_EXTERNAL_SCRIPT);
        }
    }

    public static Map<String, Object> params(Cluster c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", c.masterNode());
        m.put("ip", c.masterIp());
        m.put("netmask", c.masterNetmask());
        m.put("netdev", c.masterNetdev());
        m.put("ip_family", c.primaryIpVersion() == 6 ? 10 : 2);
        return m;
    }
}
