package org.garnet.shell.internal.cluster;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.config.ClusterService;

/**
 * {@code gnt-cluster version}: software and protocol versions, as Ganeti prints them; then (Garnet's) the releases
 * each node has, the running one marked — versions sit side by side, as Ganeti's do under its library directory.
 */
@Service
@Command(scope = "gnt.cluster", name = "version", description = "Show the cluster version")
public class VersionCommand implements Action {
    @Reference
    ClusterService cluster;

    /** The nodes' releases; none where this node holds no cluster (the version lines still answer there). */
    private java.util.List<org.garnet.api.release.NodeRelease> releasesOrNone() {
        try {
            return cluster.releases();
        } catch (org.garnet.api.GanetiException e) {
            return java.util.List.of();
        }
    }

    @Override
    public Object execute() {
        String v = cluster.softwareVersion();
        System.out.println("Software version: " + v);
        System.out.println("Internode protocol: 3000000");
        System.out.println("Configuration format: 3000000");
        System.out.println("OS api version: 20");
        System.out.println("Export interface: 0");
        System.out.println("VCS version: (garnet) version " + v);
        var nodes = releasesOrNone();
        if (!nodes.isEmpty()) {
            System.out.println("Installed versions:");
            for (var n : nodes) {
                System.out.println("  " + n.node() + ": " + (n.error() != null ? "unknown (" + n.error() + ")"
                        : String.join(", ", n.installed().stream().map(i -> i.equals(n.running()) ? i
                        + " (running)" : i).toList())));
            }
        }
        return null;
    }
}
