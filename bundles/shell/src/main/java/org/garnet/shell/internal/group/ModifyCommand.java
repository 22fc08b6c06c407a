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

/** {@code gnt-group modify [--alloc-policy P] [--node-parameters ...] [-D ...] [--ipolicy-* ...] GROUP}. */
@Service
@Command(scope = "gnt.group", name = "modify", description = "Alters the parameters of a node group")
public class ModifyCommand extends GroupOptions {
    @Reference
    JobQueue queue;

    @Argument(name = "group", required = true, description = "Group to change")
    String name;

    @Override
    protected String command() {
        return "modify";
    }

    @Override
    public Object execute() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("group_name", name);
        putSettable(p);
        List<Object> results = runJob(queue, List.of(OpCode.of("OP_GROUP_SET_PARAMS", p)));
        if (results != null && results.get(0) instanceof List<?> changes && !changes.isEmpty()) {
            System.out.println("Modified node group " + name);
            for (Object c : changes) {
                List<?> pair = (List<?>) c;
                System.out.println(" - " + pair.get(0) + " -> " + pair.get(1));
            }
        }
        return null;
    }
}
