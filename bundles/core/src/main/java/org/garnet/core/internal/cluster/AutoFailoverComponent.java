package org.garnet.core.internal.cluster;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.consensus.ReplicatedLog;
import org.garnet.core.internal.CoreConfig;
import org.garnet.core.internal.DataRoot;
import org.garnet.core.internal.node.ClusterPush;
import org.garnet.core.internal.node.LocalNode;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Automatic master failover (beyond Ganeti): the master is the leader of the master candidates' group. When the
 * master's member stops leading (the master died or was cut off) the others elect a leader among themselves;
 * once this node's member has led for {@link #GRACE_MILLIS} ms while the configuration still names another
 * master, this node takes the master's part ({@link MasterFailover#takeOver}). The grace lets a master that only
 * paused take the lead back first (its member has the higher priority); a master whose node daemon still answers
 * gets up to {@link #ALIVE_GRACE_MILLIS} ms (after the candidates lost and regained their majority, say).
 */
@Component(immediate = true, configurationPid = CoreConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class AutoFailoverComponent {
    static final long CHECK_MILLIS = 200;
    static final long GRACE_MILLIS = 1000;
    /** How long a master whose node daemon answers has to take the lead back before another takes over. */
    static final long ALIVE_GRACE_MILLIS = 15_000;
    /** How long a master that swaps its release (an upgrade) may be away before another takes over. */
    static final long SWAP_GRACE_SECONDS = 150;
    /** How long the probe of the old master's node daemon waits. */
    static final java.time.Duration PROBE = java.time.Duration.ofMillis(800);
    private static final Logger LOG = LoggerFactory.getLogger(AutoFailoverComponent.class);
    private final ConfigStore store;
    private final LocalNode local;
    private final MasterFailover failover;
    private final NodeRpc nodes;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "garnet-auto-failover");
        t.setDaemon(true);
        return t;
    });
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ReplicatedLog log;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ClusterPush push;
    /** Since when this node's member has led while another node is the master (0: not so). */
    private long leadingSince;

    @Activate
    public AutoFailoverComponent(@Reference ConfigStore store, @Reference NodeRpc nodes, CoreConfig config) {
        this.store = store;
        this.local = LocalNode.of(config);
        this.nodes = nodes;
        this.failover = new MasterFailover(store, local, nodes, DataRoot.of(config));
        timer.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            ReplicatedLog current = log;
            boolean another = MasterRole.master(store).filter(m -> !m.equals(local.name())).isPresent();
            if (current == null || !another || !current.leading() || masterSwapping()) {
                leadingSince = 0;
                return;
            }
            long now = System.nanoTime();
            if (leadingSince == 0) {
                leadingSince = now;
            }
            if (now - leadingSince < TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS)) {
                return;
            }
            // a master whose node still answers is most likely only slow, and gets the lead back (its member has
            // the higher priority): it keeps its part for a while longer
            if (now - leadingSince < TimeUnit.MILLISECONDS.toNanos(ALIVE_GRACE_MILLIS) && oldMasterAnswers()) {
                return;
            }
            leadingSince = 0;
            long started = System.nanoTime();
            failover.takeOver(current, push).ifPresent(old -> LOG.info("Master failover: {} lost the lead of the "
                    + "master candidates; {} is the master now ({} ms)", old, local.name(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
        } catch (RuntimeException e) {
            LOG.warn("automatic master failover: {}", e.getMessage());
        }
    }

    /**
     * Whether the master is swapping its release on purpose (gnt-cluster upgrade): its member and node daemon are
     * away for seconds, and it is not to be replaced for that — unless it stays away longer than a swap may take.
     */
    private boolean masterSwapping() {
        var u = store.cluster().map(org.garnet.api.model.Cluster::upgrade).orElse(null);
        return u != null && org.garnet.api.model.UpgradeIntent.MASTER.equals(u.stage())
                && System.currentTimeMillis() / 1000.0 - u.since() < SWAP_GRACE_SECONDS;
    }

    private boolean oldMasterAnswers() {
        return store.cluster().flatMap(c -> store.get(org.garnet.api.model.Node.class, c.masterNode()))
                .filter(n -> !n.offline()).map(n -> nodes.at(n).answers(PROBE)).orElse(false);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }
}
