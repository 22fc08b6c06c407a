package org.garnet.shell.internal.group;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;

/** {@code gnt-group add [--alloc-policy P] [--node-parameters ...] [-D ...] [--ipolicy-* ...] GROUP}. */
@Service
@Command(scope = "gnt.group", name = "add", description = "Add a new node group to the cluster")
public class AddCommand extends GroupOptions {
    @Reference
    JobQueue queue;

    @Argument(name = "group", required = true, description = "Name of the new group")
    String name;

    @Override
    protected String command() {
        return "add";
    }

    @Override
    public Object execute() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("group_name", name);
        putSettable(p);
        runJob(queue, List.of(OpCode.of("OP_GROUP_ADD", p)));
        return null;
    }
}
