package org.garnet.api.config;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How an appliance becomes a node of a cluster, Ganeti's {@code gnt-node add} set-up done over ssh before the
 * {@code OP_NODE_ADD} job: the master logs into the new appliance's shell with the cluster's SSH key and hands
 * it the cluster's certificate authority, a certificate for the node and the cluster's facts; the node stores
 * them and starts its node daemon.
 */
@ProviderType
public interface NodeMembership {
    /**
     * Master side: sets {@code nodeName} up (its primary address from the resolver, {@code secondaryIp} or the
     * primary as secondary), then waits for its node daemon. {@code checkHostKey} false is
     * {@code --no-ssh-key-check}. Errors are {@code GanetiException}s naming the node.
     */
    void setUp(String nodeName, String secondaryIp, boolean readd, boolean checkHostKey);

    /** Node side: what the master's ssh session runs, with the request it was given. */
    void accept(String request);
}
