package org.garnet.shell.internal.instance;

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
import org.garnet.shell.internal.format.Sizes;
import org.garnet.shell.internal.jobs.JobAction;

/** {@code gnt-instance grow-disk [--absolute] [--no-wait-for-sync] NAME DISK AMOUNT}. */
@Service
@Command(scope = "gnt.instance", name = "grow-disk", description = "Grow an instance's disk")
public class GrowDiskCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Option(name = "--absolute", description = "Grow the disk to this size instead of by it")
    boolean absolute;
    @Option(name = "--no-wait-for-sync", description = "Don't wait for sync (DANGEROUS!)")
    boolean noWait;

    @Argument(index = 0, name = "instance", required = true, description = "Instance name")
    String name;
    @Argument(index = 1, name = "disk", required = true, description = "Disk index")
    String disk;
    @Argument(index = 2, name = "amount", required = true, description = "Size to add (or the new size)")
    String amount;

    @Override
    protected String tool() {
        return "gnt-instance";
    }

    @Override
    protected String command() {
        return "grow-disk";
    }

    @Override
    public Object execute() {
        int idx;
        try {
            idx = Integer.parseInt(disk);
        } catch (NumberFormatException e) {
            throw GanetiException.prereq("Invalid disk index passed: '" + disk + "'", ErrorCode.ECODE_INVAL);
        }
        runJob(queue, List.of(OpCode.of("OP_INSTANCE_GROW_DISK", Map.of("instance_name", name, "disk", idx,
                "amount", Sizes.mib(amount), "absolute", absolute, "wait_for_sync", !noWait))));
        return null;
    }
}
