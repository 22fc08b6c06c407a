package org.garnet.core.internal.lu.instance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Instance;

/**
 * Instances' network ports (the VNC display of a kvm or xen-hvm guest), as Ganeti's configuration allocates them:
 * from the cluster's {@code tcpudp_port_pool} first, else the port after {@code highest_used_port} (up to
 * {@value Cluster#LAST_PORT}); a removed instance's port goes back to the pool.
 */
final class NetworkPorts {
    /** Ganeti's {@code HTS_REQ_PORT}: the hypervisors whose instances get a network port. */
    static final Set<String> NEEDED_BY = Set.of("kvm", "xen-hvm");

    private NetworkPorts() {
    }

    /** A port for a new instance of {@code hypervisor}, or null if it needs none. */
    static Integer allocate(ConfigStore store, String hypervisor) {
        if (!NEEDED_BY.contains(hypervisor)) {
            return null;
        }
        Cluster c = Instances.cluster(store);
        int[] port = new int[1];
        store.update(Cluster.class, c.uuid(), x -> {
            if (!x.tcpudpPortPool().isEmpty()) {
                port[0] = x.tcpudpPortPool().get(0);
                return x.toBuilder().tcpudpPortPool(x.tcpudpPortPool().subList(1, x.tcpudpPortPool().size())).build();
            }
            if (x.highestUsedPort() >= Cluster.LAST_PORT) {
                throw GanetiException.exec("The highest used port is greater than " + Cluster.LAST_PORT
                        + ". Aborting.");
            }
            port[0] = x.highestUsedPort() + 1;
            return x.toBuilder().highestUsedPort(port[0]).build();
        });
        return port[0];
    }

    /** Gives a removed instance's port back to the pool. */
    static void release(ConfigStore store, Instance inst) {
        Integer port = inst.networkPort();
        if (port == null) {
            return;
        }
        Cluster c = Instances.cluster(store);
        store.update(Cluster.class, c.uuid(), x -> {
            List<Integer> pool = new ArrayList<>(List.of(port));
            x.tcpudpPortPool().stream().filter(p -> !p.equals(port)).forEach(pool::add);
            return x.toBuilder().tcpudpPortPool(pool).build();
        });
    }
}
