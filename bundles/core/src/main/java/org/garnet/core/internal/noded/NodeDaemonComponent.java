package org.garnet.core.internal.noded;

import org.garnet.core.internal.CoreConfig;
import org.garnet.core.internal.DataRoot;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.node.SoftwareVersion;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.LoggerFactory;

/**
 * Runs this appliance's node daemon over its drivers, on {@code node.address}:{@code noded.port}, from the moment
 * the node has cluster certificates ({@code gnt-cluster init}, or a master adding it); {@link #restart()} after
 * they change.
 */
@Component(service = NodeDaemonComponent.class, immediate = true, configurationPid = CoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class NodeDaemonComponent {
    private final NodeDaemon daemon;

    @Activate
    public NodeDaemonComponent(@Reference Drivers drivers, @Reference org.garnet.api.config.ConfigStore store,
                               CoreConfig config) {
        certifyOlderCluster(store, config);
        NodeProcedures procedures = new NodeProcedures(drivers, DataRoot.of(config), SoftwareVersion.number(),
                config.file_storage_dir());
        this.daemon = new NodeDaemon(procedures, DataRoot.of(config), config.node_address(), config.noded_port());
        procedures.onNewCertificate(() -> {
            try {
                Thread.sleep(500); // let the answer go out
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            daemon.restart();
        });
        procedures.onLeave(() -> {
            try {
                Thread.sleep(500); // let the answer to node_leave_cluster go out
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            daemon.stop();
        });
        try {
            daemon.restart();
        } catch (IllegalStateException e) {
            LoggerFactory.getLogger(NodeDaemonComponent.class).error(e.getMessage());
        }
    }

    /**
     * A cluster initialised before nodes had certificates: its master makes them now (its own authority and
     * certificate), so it can call itself as every master does.
     */
    private static void certifyOlderCluster(org.garnet.api.config.ConfigStore store, CoreConfig config) {
        var crypto = new org.garnet.core.internal.node.NodeCrypto(DataRoot.of(config));
        var local = org.garnet.core.internal.node.LocalNode.of(config);
        store.cluster().ifPresent(c -> store.get(org.garnet.api.model.Node.class, c.masterNode()).ifPresent(m -> {
            if (!crypto.present() && m.name().equals(local.name())) {
                crypto.createCluster(c.name(), m.name(), java.util.List.of(m.primaryIp(), m.secondaryIp()));
                new org.garnet.core.internal.node.CandidateCerts(DataRoot.of(config)).put(m.uuid(),
                        crypto.fingerprint());
            }
            if (m.name().equals(local.name())) {
                new org.garnet.core.internal.node.ClusterSsh(DataRoot.of(config)).ensureKey();
            }
        }));
    }

    /** Starts or restarts the daemon with the node's current certificates (stops it when there are none). */
    public void restart() {
        daemon.restart();
    }

    public boolean running() {
        return daemon.running();
    }

    @Deactivate
    void deactivate() {
        daemon.stop();
    }
}
