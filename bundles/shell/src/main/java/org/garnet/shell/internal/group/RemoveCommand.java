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

/** {@code gnt-group remove}: one {@code OP_GROUP_REMOVE} job. */
@Service
@Command(scope = "gnt.group", name = "remove", description = "Remove an (empty) node group from the cluster")
public class RemoveCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Argument(name = "group", required = true, description = "Group name")
    String name;

    @Override
    protected String tool() {
        return "gnt-group";
    }

    @Override
    protected String command() {
        return "remove";
    }

    @Override
    public Object execute() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("group_name", name);
        runJob(queue, List.of(OpCode.of("OP_GROUP_REMOVE", p)));
        return null;
    }
}
