package org.garnet.shell.internal.node;

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

/** {@code gnt-node repair-storage [--ignore-consistency] NODE TYPE NAME}: one {@code OP_REPAIR_NODE_STORAGE} job. */
@Service
@Command(scope = "gnt.node", name = "repair-storage", description = "Repairs a storage volume on a node")
public class RepairStorageCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Option(name = "--ignore-consistency", description = "Ignore the consistency of the disks on the secondary")
    boolean ignoreConsistency;

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
        return "repair-storage";
    }

    @Override
    public Object execute() {
        runJob(queue, List.of(OpCode.of("OP_REPAIR_NODE_STORAGE", Map.of("node_name", node, "storage_type", type,
                "name", volume, "ignore_consistency", ignoreConsistency))));
        return null;
    }
}
