package org.garnet.shell.internal.cluster;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.garnet.api.config.ClusterService;
import org.garnet.shell.internal.format.Confirm;

/**
 * {@code gnt-cluster master-failover [--no-voting [--yes-do-it]] [--ignore-offline-nodes]}, on the candidate that
 * is to be the master. The vote is the master candidates' Raft group: a majority of them makes this node their
 * leader. With {@code --no-voting} (after Ganeti's question), when no majority answers, this node founds a new
 * group of the candidates alone and becomes the master; warnings go to standard error, as Ganeti prints them.
 */
@Service
@Command(scope = "gnt.cluster", name = "master-failover", description = "Makes the current node the master")
public class MasterFailoverCommand implements Action {
    @Reference
    ClusterService cluster;
    @Reference
    Session session;
    @Option(name = "--no-voting", description = "Skip node agreement check (dangerous)")
    boolean noVoting;
    @Option(name = "--yes-do-it", description = "Do not ask for confirmation")
    boolean yesDoIt;
    @Option(name = "--ignore-offline-nodes", description = "Ignore offline nodes and do as much as possible")
    boolean ignoreOffline;

    @Override
    public Object execute() throws Exception {
        if (noVoting && !yesDoIt && !Confirm.ask(session, "This will perform the failover even if most other nodes"
                + " are down, or if this node is outdated. This is dangerous as it can lead to a non-consistent"
                + " cluster. Check the gnt-cluster(8) man page before proceeding. Continue?", "--yes-do-it")) {
            return 1;
        }
        for (String warning : cluster.masterFailover(noVoting)) {
            org.garnet.shell.internal.format.Streams.err().println(warning);
        }
        return null;
    }
}
