package org.garnet.shell.internal.node;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.config.NodeMembership;

/**
 * {@code garnet:node-daemon-setup REQUEST}: what a master's ssh session runs on an appliance it adds (Ganeti's
 * {@code node-daemon-setup} tool): stores the cluster's certificates and facts and starts the node daemon.
 */
@Service
@Command(scope = "garnet", name = "node-daemon-setup", description = "Join this appliance to the cluster of the "
        + "master that sends the request (run by gnt-node add over ssh)")
public class DaemonSetupCommand implements Action {
    @Reference
    NodeMembership membership;

    @Argument(name = "request", required = true, description = "The master's request (base64 JSON)")
    String request;

    @Override
    public Object execute() {
        membership.accept(request);
        System.out.println("node daemon set up");
        return null;
    }
}
