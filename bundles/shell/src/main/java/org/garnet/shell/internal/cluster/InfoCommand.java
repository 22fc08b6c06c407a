package org.garnet.shell.internal.cluster;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.config.ClusterService;
import org.garnet.shell.internal.format.GenericInfo;

/** {@code gnt-cluster info}. */
@Service
@Command(scope = "gnt.cluster", name = "info", description = "Show cluster configuration")
public class InfoCommand implements Action {
    @Reference
    ClusterService cluster;

    @Option(name = "--roman", description = "Use roman numbers for positive integers (accepted, not used)")
    boolean roman;

    @Override
    public Object execute() {
        System.out.println(GenericInfo.format(ClusterInfoView.of(cluster.info())));
        return null;
    }
}
