package org.garnet.core.internal.cluster;

import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Node;
import org.garnet.core.internal.CoreConfig;
import org.garnet.core.internal.DataRoot;
import org.garnet.core.internal.node.LocalNode;
import org.garnet.core.internal.noded.MasterIpSetup;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.garnet.api.consensus.ReplicatedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster IP follows the master appliance: on while this node is the active master (the configuration names
 * it and, with several master candidates, its member leads their group), as Ganeti's master daemon does at
 * start; off once another node is the master (a failover: the new master also turns it off here by RPC when it
 * can) and when the appliance stops (so {@code ./garnet down} leaves no address behind), through the master IP
 * setup script run locally. Looked at every {@link #CHECK_MILLIS} ms: an active master whose address went away
 * (on one machine the appliances share {@code lo}, where an old master stepping down removes it) sets it again.
 * {@code gnt-cluster init}, {@code destroy}, {@code activate-master-ip} and {@code deactivate-master-ip} turn it
 * on and off while the appliance runs.
 */
@Component(immediate = true, configurationPid = CoreConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class MasterIpComponent {
    static final long CHECK_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(MasterIpComponent.class);
    private final ConfigStore store;
    private final LocalNode local;
    private final MasterIpSetup setup;
    // the script may wait up to 2 s for a TCP answer: not on the start-up thread
    private final java.util.concurrent.ScheduledExecutorService timer =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "garnet-master-ip");
                t.setDaemon(true);
                return t;
            });
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ReplicatedLog log;
    /** Whether the last look found this node the active master (a change is logged once). */
    private boolean active;
    private String lastError;

    @Activate
    public MasterIpComponent(@Reference ConfigStore store, CoreConfig config) {
        this.store = store;
        this.local = LocalNode.of(config);
        this.setup = new MasterIpSetup(DataRoot.of(config));
        timer.scheduleWithFixedDelay(this::check, 0, CHECK_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private synchronized void check() {
        Cluster c = store.cluster().orElse(null);
        if (c == null) {
            return;
        }
        boolean master = store.get(Node.class, c.masterNode()).map(Node::name).filter(local.name()::equals)
                .isPresent();
        boolean leading = leads();
        // a master that does not lead for a moment (its member restarting, an election) has not stopped being
        // the master: only several looks in a row without the lead count, so that a deactivate-master-ip is
        // not undone by such a moment
        notLeading = master && !leading ? notLeading + 1 : 0;
        boolean nowActive = master && (leading || active && notLeading < LEAD_LOST_LOOKS);
        if (nowActive && (!active || setup.claimed() && !present(c.masterIp()))) {
            // on becoming the master; or set again when it went away without this node turning it off
            run("start", c);
        } else if (!master && setup.claimed()) {
            run("stop", c); // stepping down: another node is the master
        }
        active = nowActive;
    }

    /** Looks in a row without the lead after which an active master is one no more. */
    static final int LEAD_LOST_LOOKS = 3;
    private int notLeading;

    /** With several master candidates, only the leader of their group is the active master. */
    private boolean leads() {
        long candidates = store.list(Node.class).stream().filter(Node::masterCandidate).count();
        ReplicatedLog current = log;
        return candidates <= 1 || current != null && current.leading();
    }

    /** Whether the address is on one of this machine's devices. */
    private static boolean present(String ip) {
        try {
            return ip != null && !ip.isBlank()
                    && java.net.NetworkInterface.getByInetAddress(java.net.InetAddress.getByName(ip)) != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void run(String action, Cluster c) {
        try {
            setup.run(action, MasterNetwork.params(c), MasterNetwork.USE_EXTERNAL_SCRIPT);
            LOG.info("Master IP {}/{} on {}: {}", c.masterIp(), c.masterNetmask(), c.masterNetdev(),
                    action.equals("start") ? "on" : "off");
            lastError = null;
        } catch (GanetiException | IllegalStateException e) {
            if (!e.getMessage().equals(lastError)) { // said once while it keeps failing the same way
                LOG.warn("Error {} the master IP address: {}", action.equals("start") ? "activating" : "disabling",
                        e.getMessage());
            }
            lastError = e.getMessage();
        }
    }

    @Deactivate
    synchronized void deactivate() {
        timer.shutdownNow();
        Cluster c = store.cluster().orElse(null);
        if (c != null && setup.claimed() && store.get(Node.class, c.masterNode()).map(Node::name)
                .filter(local.name()::equals).isPresent()) {
            run("stop", c);
        }
    }
}
