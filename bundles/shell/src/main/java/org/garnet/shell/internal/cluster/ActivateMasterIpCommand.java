package org.garnet.shell.internal.cluster;

import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.jobs.JobAction;

/** {@code gnt-cluster activate-master-ip}: one {@code OP_CLUSTER_ACTIVATE_MASTER_IP} job. */
@Service
@Command(scope = "gnt.cluster", name = "activate-master-ip", description = "Activates the master IP")
public class ActivateMasterIpCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Override
    protected String tool() {
        return "gnt-cluster";
    }

    @Override
    protected String command() {
        return "activate-master-ip";
    }

    @Override
    public Object execute() {
        runJob(queue, List.of(OpCode.of("OP_CLUSTER_ACTIVATE_MASTER_IP", Map.of())));
        return null;
    }
}
