package org.garnet.shell.internal.cluster;

import org.garnet.shell.internal.format.Streams;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.config.ClusterService;
import org.garnet.api.jobs.JobQueue;

/** {@code gnt-cluster destroy --yes-do-it}. */
@Service
@Command(scope = "gnt.cluster", name = "destroy", description = "Destroy cluster")
public class DestroyCommand implements Action {
    @Reference
    JobQueue queue;
    @Reference
    ClusterService cluster;

    @Option(name = "--yes-do-it", description = "Destroy cluster")
    boolean yesDoIt;

    @Override
    public Object execute() {
        if (!yesDoIt) {
            Streams.err().println("Destroying a cluster is irreversible. If you really want destroy this cluster, "
                    + "supply the --yes-do-it option.");
            return 1;
        }
        queue.clear(); // Ganeti empties the job queue with the cluster
        cluster.destroy();
        return null;
    }
}
