package org.garnet.shell.internal.group;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.jobs.JobAction;

/** {@code gnt-group assign-nodes}: one {@code OP_GROUP_ASSIGN_NODES} job. */
@Service
@Command(scope = "gnt.group", name = "assign-nodes", description = "Assign nodes to a group")
public class AssignNodesCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Option(name = "--force", description = "Force the operation")
    boolean force;
    @Argument(index = 0, name = "group", required = true, description = "Group name")
    String name;
    @Argument(index = 1, name = "nodes", required = true, multiValued = true, description = "Nodes to assign")
    List<String> nodes;

    @Override
    protected String tool() {
        return "gnt-group";
    }

    @Override
    protected String command() {
        return "assign-nodes";
    }

    @Override
    public Object execute() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("group_name", name);
        p.put("nodes", nodes);
        p.put("force", force);
        runJob(queue, List.of(OpCode.of("OP_GROUP_ASSIGN_NODES", p)));
        return null;
    }
}
