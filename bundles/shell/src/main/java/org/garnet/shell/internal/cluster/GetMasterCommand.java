package org.garnet.shell.internal.cluster;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.config.ClusterService;

/** {@code gnt-cluster getmaster}. */
@Service
@Command(scope = "gnt.cluster", name = "getmaster", description = "Display the current master")
public class GetMasterCommand implements Action {
    @Reference
    ClusterService cluster;

    @Override
    public Object execute() {
        System.out.println(cluster.masterNode().name());
        return null;
    }
}
