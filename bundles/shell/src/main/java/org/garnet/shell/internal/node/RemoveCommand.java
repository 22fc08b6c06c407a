package org.garnet.shell.internal.node;

import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.jobs.JobAction;

/** {@code gnt-node remove}: one {@code OP_NODE_REMOVE} job. */
@Service
@Command(scope = "gnt.node", name = "remove", description = "Removes a node from the cluster")
public class RemoveCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Argument(name = "node-name", required = true, description = "Node name")
    String name;

    @Override
    protected String tool() {
        return "gnt-node";
    }

    @Override
    protected String command() {
        return "remove";
    }

    @Override
    public Object execute() {
        runJob(queue, List.of(OpCode.of("OP_NODE_REMOVE", Map.of("node_name", name))));
        return null;
    }
}
