package org.garnet.shell.internal.instance;

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

/** {@code gnt-instance activate-disks NAME}: prints {@code node:disk/N:path} per disk, as Ganeti. */
@Service
@Command(scope = "gnt.instance", name = "activate-disks", description = "Activate an instance's disks")
public class ActivateDisksCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Option(name = "--ignore-size", description = "Ignore the current recorded size")
    boolean ignoreSize;
    @Option(name = "--wait-for-sync", description = "Wait for the disks to synchronize")
    boolean waitForSync;

    @Argument(name = "instance", required = true, description = "Instance name")
    String name;

    @Override
    protected String tool() {
        return "gnt-instance";
    }

    @Override
    protected String command() {
        return "activate-disks";
    }

    @Override
    public Object execute() {
        List<Object> results = runJob(queue, List.of(OpCode.of("OP_INSTANCE_ACTIVATE_DISKS", Map.of(
                "instance_name", name, "ignore_size", ignoreSize, "wait_for_sync", waitForSync))));
        if (results != null) {
            for (Object entry : (List<?>) results.get(0)) {
                List<?> e = (List<?>) entry;
                System.out.println(e.get(0) + ":" + e.get(1) + ":" + e.get(2));
            }
        }
        return null;
    }
}
