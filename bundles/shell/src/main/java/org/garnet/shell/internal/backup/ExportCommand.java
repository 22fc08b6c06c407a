package org.garnet.shell.internal.backup;

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

/** {@code gnt-backup export -n NODE [--noshutdown] [--long-sleep] [--remove-instance] ... INSTANCE}. */
@Service
@Command(scope = "gnt.backup", name = "export", description = "Exports an instance to an image")
public class ExportCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Option(name = "--force", aliases = "-f", description = "Force the operation")
    boolean force;
    @Option(name = "--node", aliases = "-n", description = "Target node")
    String node;
    @Option(name = "--transport-compression", description = "The compression mode to use during transport")
    String compress = "none";
    @Option(name = "--noshutdown", description = "Don't shutdown the instance (unsafe)")
    boolean noShutdown;
    @Option(name = "--shutdown-timeout", description = "Maximum time (in minutes) to wait for instance shutdown")
    int shutdownTimeout = 120;
    @Option(name = "--remove-instance", description = "Remove the instance from the cluster")
    boolean removeInstance;
    @Option(name = "--ignore-remove-failures", description = "Remove the instance from the cluster configuration "
            + "even if there are failures during the removal process")
    boolean ignoreRemoveFailures;
    @Option(name = "--zero-free-space", description = "Whether to zero the free space on the disks of the instance "
            + "prior to the export")
    boolean zeroFreeSpace;
    @Option(name = "--zeroing-timeout-fixed", description = "The fixed amount of time to wait before assuming "
            + "that the zeroing failed")
    Integer zeroingFixed;
    @Option(name = "--zeroing-timeout-per-mib", description = "The amount of time to wait per MiB of data to zero")
    Double zeroingPerMib;
    @Option(name = "--long-sleep", description = "Allow long shutdowns when backing up instances")
    boolean longSleep;

    @Argument(name = "instance", required = true, description = "Instance name")
    String name;

    @Override
    protected String tool() {
        return "gnt-backup";
    }

    @Override
    protected String command() {
        return "export";
    }

    @Override
    public Object execute() {
        if (node == null) {
            throw GanetiException.prereq("Target node must be specified", ErrorCode.ECODE_INVAL);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("instance_name", name);
        p.put("target_node", node);
        p.put("compress", compress);
        p.put("shutdown", !noShutdown);
        p.put("shutdown_timeout", shutdownTimeout);
        p.put("remove_instance", removeInstance);
        p.put("ignore_remove_failures", ignoreRemoveFailures);
        p.put("zero_free_space", zeroFreeSpace);
        if (zeroingFixed != null) {
            p.put("zeroing_timeout_fixed", zeroingFixed);
        }
        if (zeroingPerMib != null) {
            p.put("zeroing_timeout_per_mib", zeroingPerMib);
        }
        p.put("long_sleep", longSleep);
        runJob(queue, List.of(OpCode.of("OP_BACKUP_EXPORT", p)));
        return null;
    }
}
