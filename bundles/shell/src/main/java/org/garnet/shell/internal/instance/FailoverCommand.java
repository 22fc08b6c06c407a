package org.garnet.shell.internal.instance;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code gnt-instance failover [-f] [-n NODE] [--iallocator NAME] [--shutdown-timeout N] NAME}. */
@Service
@Command(scope = "gnt.instance", name = "failover", description = "Stops the instance, changes its primary node and (if it was originally running) starts it on the new node")
public class FailoverCommand extends RelocateCommand {
    @Override
    protected String command() {
        return "failover";
    }

    @Override
    protected String opId() {
        return "OP_INSTANCE_FAILOVER";
    }

    @Override
    protected String question() {
        return "Failover will happen to image %s. This requires a shutdown of the instance. Continue?";
    }
}
