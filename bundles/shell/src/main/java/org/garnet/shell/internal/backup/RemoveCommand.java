package org.garnet.shell.internal.backup;

import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.jobs.JobAction;

/** {@code gnt-backup remove INSTANCE}: the instance's exports go from every node (the instance may be gone). */
@Service
@Command(scope = "gnt.backup", name = "remove", description = "Remove exports of named instance from the filesystem.")
public class RemoveCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Argument(name = "instance", required = true, description = "Instance name")
    String name;

    @Override
    protected String tool() {
        return "gnt-backup";
    }

    @Override
    protected String command() {
        return "remove";
    }

    @Override
    public Object execute() {
        runJob(queue, List.of(OpCode.of("OP_BACKUP_REMOVE", Map.of("instance_name", name))));
        return null;
    }
}
