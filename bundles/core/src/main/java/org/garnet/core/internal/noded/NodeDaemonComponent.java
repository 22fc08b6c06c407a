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
    /** How long a join waits for a leave or restart still pending on this node. */
    private static final long SETTLE_SECONDS = 15;
    /** Pause between answering a call and acting on it (restart, stop), so the answer goes out first. */
    private static final long ANSWER_MILLIS = 500;
    private final NodeDaemon daemon;
    /** One thread for the daemon's life changes, in the order they were asked for. */
    private final java.util.concurrent.ScheduledExecutorService lifecycle =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "garnet-node-lifecycle");
                t.setDaemon(true);
                return t;
            });
    private volatile java.util.concurrent.Future<?> pending = java.util.concurrent.CompletableFuture.completedFuture(null);

    private final NodeProcedures procedures;

    @Activate
    public NodeDaemonComponent(@Reference Drivers drivers, @Reference org.garnet.api.config.ConfigStore store,
                               CoreConfig config) {
        certifyOlderCluster(store, config);
        this.procedures = new NodeProcedures(drivers, DataRoot.of(config), SoftwareVersion.number(),
                config.file_storage_dir());
        this.daemon = new NodeDaemon(procedures, DataRoot.of(config), config.node_address(), config.noded_port());
        procedures.afterAnswer(task -> pending = lifecycle.schedule(task, ANSWER_MILLIS,
                java.util.concurrent.TimeUnit.MILLISECONDS));
        procedures.onNewCertificate(daemon::restart);
        procedures.onLeave(daemon::stop);
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

    /**
     * Waits until a leave or restart asked for by the last call is done: a master that removes this node and
     * adds it again at once must not see the leave stop the daemon, or delete the certificates, of the new join.
     */
    public void settle() {
        try {
            pending.get(SETTLE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LoggerFactory.getLogger(NodeDaemonComponent.class).warn("The node daemon's last change did not end "
                    + "cleanly: {}", String.valueOf(e.getCause() == null ? e : e.getCause()));
        }
    }

    public boolean running() {
        return daemon.running();
    }

    @Deactivate
    void deactivate() {
        lifecycle.shutdownNow();
        daemon.stop();
        procedures.consoles().closeAll();
    }
}
