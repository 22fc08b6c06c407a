package org.garnet.core.internal.cluster;

import java.util.Optional;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Node;

/**
 * Who the master is, by the configuration this node holds. Every master candidate holds the replicated
 * configuration, so holding one no longer makes a node the master: its {@code master_node} must name it.
 */
public final class MasterRole {
    private MasterRole() {
    }

    /** The master's name in the configuration this node holds; empty when it holds none. */
    public static Optional<String> master(ConfigStore store) {
        Optional<Cluster> c = store.cluster();
        return c.flatMap(cluster -> store.get(Node.class, cluster.masterNode())).map(Node::name);
    }

    /** Whether this node ({@code localName}) is the master by the configuration it holds. */
    public static boolean isMaster(ConfigStore store, String localName) {
        return master(store).filter(localName::equals).isPresent();
    }
}
