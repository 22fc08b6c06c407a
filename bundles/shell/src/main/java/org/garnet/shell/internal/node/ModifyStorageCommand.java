package org.garnet.shell.internal.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.jobs.JobAction;

/** {@code gnt-node modify-storage [--allocatable=yes|no] NODE TYPE NAME}: one {@code OP_NODE_MODIFY_STORAGE} job. */
@Service
@Command(scope = "gnt.node", name = "modify-storage", description = "Modify storage volume on a node")
public class ModifyStorageCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Option(name = "--allocatable", description = "Set the allocatable flag on a volume (yes|no)")
    String allocatable;

    @Argument(index = 0, name = "node-name", required = true, description = "Node")
    String node;
    @Argument(index = 1, name = "storage-type", required = true, description = "Storage type")
    String type;
    @Argument(index = 2, name = "volume-name", required = true, description = "Storage unit name")
    String volume;

    @Override
    protected String tool() {
        return "gnt-node";
    }

    @Override
    protected String command() {
        return "modify-storage";
    }

    @Override
    public Object execute() {
        Map<String, Object> changes = new LinkedHashMap<>();
        if (allocatable != null) {
            if (!allocatable.equals("yes") && !allocatable.equals("no")) {
                throw GanetiException.prereq("option --allocatable: invalid yes/no value: '" + allocatable + "'",
                        ErrorCode.ECODE_INVAL);
            }
            changes.put("allocatable", allocatable.equals("yes"));
        }
        if (changes.isEmpty()) {
            System.err.println("No changes to perform, exiting.");
            return null;
        }
        runJob(queue, List.of(OpCode.of("OP_NODE_MODIFY_STORAGE", Map.of("node_name", node, "storage_type", type,
                "name", volume, "changes", changes))));
        return null;
    }
}
