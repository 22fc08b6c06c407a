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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster IP follows the master appliance: turned on when the master starts (as Ganeti's master daemon does
 * at start) and off when it stops (so {@code ./garnet down} leaves no address behind), through the master IP
 * setup script run locally. {@code gnt-cluster init}, {@code destroy}, {@code activate-master-ip} and
 * {@code deactivate-master-ip} turn it on and off while the appliance runs.
 */
@Component(immediate = true, configurationPid = CoreConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class MasterIpComponent {
    private static final Logger LOG = LoggerFactory.getLogger(MasterIpComponent.class);
    private final ConfigStore store;
    private final LocalNode local;
    private final MasterIpSetup setup;
    private final Thread starter;

    @Activate
    public MasterIpComponent(@Reference ConfigStore store, CoreConfig config) {
        this.store = store;
        this.local = LocalNode.of(config);
        this.setup = new MasterIpSetup(DataRoot.of(config));
        // the script may wait up to 2 s for a TCP answer: not on the start-up thread
        this.starter = new Thread(() -> run("start"), "garnet-master-ip");
        starter.setDaemon(true);
        starter.start();
    }

    private void run(String action) {
        try {
            Cluster c = store.cluster().orElse(null);
            if (c == null || store.get(Node.class, c.masterNode()).map(Node::name)
                    .filter(local.name()::equals).isEmpty()) {
                return;
            }
            setup.run(action, MasterNetwork.params(c), MasterNetwork.USE_EXTERNAL_SCRIPT);
            LOG.info("Master IP {}/{} on {}: {}", c.masterIp(), c.masterNetmask(), c.masterNetdev(),
                    action.equals("start") ? "on" : "off");
        } catch (GanetiException | IllegalStateException e) {
            LOG.warn("Error {} the master IP address: {}", action.equals("start") ? "activating" : "disabling",
                    e.getMessage());
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        starter.join(5000);
        run("stop");
    }
}
