package org.garnet.shell.internal.cluster;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.config.ClusterService;

/** {@code gnt-cluster version}: software and protocol versions, as Ganeti prints them. */
@Service
@Command(scope = "gnt.cluster", name = "version", description = "Show the cluster version")
public class VersionCommand implements Action {
    @Reference
    ClusterService cluster;

    @Override
    public Object execute() {
        String v = cluster.softwareVersion();
        System.out.println("Software version: " + v);
        System.out.println("Internode protocol: 3000000");
        System.out.println("Configuration format: 3000000");
        System.out.println("OS api version: 20");
        System.out.println("Export interface: 0");
        System.out.println("VCS version: (garnet) version " + v);
        return null;
    }
}
