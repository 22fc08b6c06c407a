package org.garnet.shell.internal.cluster;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.config.ClusterService;

/**
 * {@code gnt-cluster master-ping}: exit 0, silently, when the master answers; the shell runs on the master, so
 * reading the master node from its configuration is the answer (an error when there is no cluster).
 */
@Service
@Command(scope = "gnt.cluster", name = "master-ping", description = "Check if the master is alive")
public class MasterPingCommand implements Action {
    @Reference
    ClusterService cluster;

    @Override
    public Object execute() {
        cluster.masterNode();
        return null;
    }
}
