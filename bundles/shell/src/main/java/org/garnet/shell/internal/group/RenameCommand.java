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

/** {@code gnt-group rename}: one {@code OP_GROUP_RENAME} job. */
@Service
@Command(scope = "gnt.group", name = "rename", description = "Rename a node group")
public class RenameCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Argument(index = 0, name = "group", required = true, description = "Group name")
    String name;
    @Argument(index = 1, name = "new-name", required = true, description = "New group name")
    String newName;

    @Override
    protected String tool() {
        return "gnt-group";
    }

    @Override
    protected String command() {
        return "rename";
    }

    @Override
    public Object execute() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("group_name", name);
        p.put("new_name", newName);
        runJob(queue, List.of(OpCode.of("OP_GROUP_RENAME", p)));
        return null;
    }
}
