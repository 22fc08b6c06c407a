package org.garnet.core.internal.upgrade;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ClusterService;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.consensus.ReplicatedLog;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Node;
import org.garnet.api.model.UpgradeIntent;
import org.garnet.api.release.Upgrades;
import org.garnet.core.internal.CoreConfig;
import org.garnet.core.internal.DataRoot;
import org.garnet.core.internal.cluster.MasterRole;
import org.garnet.core.internal.node.ClusterPush;
import org.garnet.core.internal.node.LocalNode;
import org.garnet.core.internal.node.ReleaseFiles;
import org.garnet.core.internal.node.SoftwareVersion;
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
 * {@code gnt-cluster upgrade} on the master (see {@link Upgrades}): the checks, then {@link UpgradeSteps} as far as
 * the master's own swap. The core of whichever release then runs on the master looks, once it leads, for an upgrade
 * at the master's stage: on the target release it finishes it; back on the old one (its agent took the new one
 * back) it takes the other nodes back too. Either way it writes its lines to the upgrade's log, which the shell
 * that started the upgrade follows.
 */
@Component(service = Upgrades.class, immediate = true, configurationPid = CoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class UpgradeComponent implements Upgrades {
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeComponent.class);
    static final long CHECK_MILLIS = 200;
    private final ConfigStore store;
    private final ClusterService cluster;
    private final UpgradeSteps steps;
    private final LocalNode local;
    private final ReleaseFiles files = ReleaseFiles.local();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "garnet-upgrade");
        t.setDaemon(true);
        return t;
    });
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ReplicatedLog log;

    @Activate
    public UpgradeComponent(@Reference ConfigStore store, @Reference ClusterService cluster, @Reference NodeRpc rpc,
                            @Reference JobQueue queue, @Reference ClusterPush push, CoreConfig config,
                            @Reference(cardinality = ReferenceCardinality.MULTIPLE,
                                    policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
                            java.util.List<SchemaStep> schemaSteps) {
        this.store = store;
        this.cluster = cluster;
        this.local = LocalNode.of(config);
        this.steps = new UpgradeSteps(store, cluster, rpc, queue, push, local, DataRoot.of(config), files,
                new Schema(schemaSteps), () -> log);
        timer.scheduleWithFixedDelay(this::finishIfDue, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    static String running() {
        return ReleaseRange.named(SoftwareVersion.full());
    }

    @Override
    public synchronized Start upgrade(String to, boolean resume, Consumer<String> feedback) {
        cluster.requireMaster();
        Cluster c = cluster.cluster();
        UpgradeIntent cur = c.upgrade();
        String running = running();
        if (!resume && cur != null) {
            if (!cur.to().equals(to)) {
                throw refused("An upgrade from " + cur.from() + " to " + cur.to()
                        + " is in progress; use --resume to finish it first");
            }
            feedback.accept("An upgrade is already in progress. Target version matches, resuming.");
            resume = true;
        }
        if (resume) {
            if (cur == null) {
                return Start.ended(0);
            }
            to = cur.to();
        }
        String target = to;
        int[] version = ReleaseRange.parse(target).orElseThrow(() -> refused("Could not parse version string "
                + target));
        int[] from = ReleaseRange.parse(cur != null ? cur.from() : running).orElseThrow();
        ReleaseRange.check(version, from).ifPresent(why -> {
            throw refused("Cannot upgrade to " + target + ": " + why);
        });
        return steps.run(cur, target, running, feedback);
    }

    /** Finishes (or takes back) an upgrade whose master swap is over, once this node is the master and leads. */
    private synchronized void finishIfDue() {
        try {
            UpgradeIntent u = store.cluster().map(Cluster::upgrade).orElse(null);
            if (u == null || !UpgradeIntent.MASTER.equals(u.stage())
                    || !MasterRole.isMaster(store, local.name())) {
                return;
            }
            String running = running();
            Map<String, String> state = files.swapState();
            boolean swapEnded = UpgradeSteps.masterSwapId(u).equals(state.get("id"))
                    && !"swapping".equals(state.get("state"));
            if (!running.equals(u.to()) && !swapEnded) {
                return; // the old core before its swap (the lead went to a candidate for it): not yet
            }
            ReplicatedLog l = log;
            if (l == null && store.list(Node.class).stream().filter(Node::masterCandidate).count() > 1) {
                return; // the candidates' log is not bound yet: nothing can be written before it
            }
            if (l != null && !l.leadingAndApplied()) {
                if (!l.leading()) {
                    // a candidate leads since this member went away with its bundle set (it may not have reached
                    // this member again yet, its connection backing off): the lead comes back now
                    try {
                        l.lead(java.time.Duration.ofSeconds(5));
                    } catch (RuntimeException e) {
                        LOG.info("upgrade: taking the lead back: {}", e.getMessage());
                    }
                }
                return;
            }
            if (running.equals(u.to())) {
                LOG.info("Upgrade to {}: the master runs it; finishing", u.to());
                // the lines go out once it is through: a try cut short (the lead moved on) is tried again whole
                java.util.List<String> lines = new java.util.ArrayList<>();
                int rc = steps.finish(u, lines::add);
                lines.forEach(files::log);
                files.log(END + rc);
                LOG.info("Upgrade to {}: ended, exit code {}, {} s after it began, {} s after the master's swap began",
                        u.to(), rc, Math.round(System.currentTimeMillis() / 100.0 - u.started() * 10) / 10.0,
                        Math.round(System.currentTimeMillis() / 100.0 - u.since() * 10) / 10.0);
            } else if (running.equals(u.from()) && swapEnded) {
                LOG.info("Upgrade to {}: the master's swap ended {}; taking the other nodes back", u.to(),
                        state.get("state"));
                java.util.List<String> lines = new java.util.ArrayList<>();
                lines.add("The master did not switch to version " + u.to() + ": " + state.get("message"));
                steps.rollBack(u, lines::add);
                lines.forEach(files::log);
                files.log(END + 1);
            }
        } catch (RuntimeException e) {
            LOG.warn("upgrade: {}", e.getMessage(), e);
        }
    }

    static GanetiException refused(String message) {
        return GanetiException.prereq(message, ErrorCode.ECODE_STATE);
    }

    static String newId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
