package org.garnet.shell.internal.cluster;

import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.format.Confirm;
import org.garnet.shell.internal.jobs.JobAction;

/**
 * {@code gnt-cluster deactivate-master-ip [--yes]}: Ganeti's question unless {@code --yes} (no answer: exit 1),
 * then one {@code OP_CLUSTER_DEACTIVATE_MASTER_IP} job.
 */
@Service
@Command(scope = "gnt.cluster", name = "deactivate-master-ip", description = "Deactivates the master IP")
public class DeactivateMasterIpCommand extends JobAction {
    @Reference
    JobQueue queue;
    @Reference
    Session session;
    @Option(name = "--yes", description = "Do not require confirmation")
    boolean yes;

    @Override
    protected String tool() {
        return "gnt-cluster";
    }

    @Override
    protected String command() {
        return "deactivate-master-ip";
    }

    @Override
    public Object execute() throws Exception {
        if (!yes && !Confirm.ask(session, "This will disable the master IP. All the open connections to the master"
                + " IP will be closed. To reach the master you will need to use its node IP. Continue?", "--yes")) {
            return 1;
        }
        runJob(queue, List.of(OpCode.of("OP_CLUSTER_DEACTIVATE_MASTER_IP", Map.of())));
        return null;
    }
}
