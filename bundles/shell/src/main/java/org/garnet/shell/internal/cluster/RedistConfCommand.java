package org.garnet.shell.internal.cluster;

import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.jobs.JobAction;

/** {@code gnt-cluster redist-conf}: one {@code OP_CLUSTER_REDIST_CONF} job. */
@Service
@Command(scope = "gnt.cluster", name = "redist-conf", description = "Forces a push of the configuration file "
        + "and ssconf files to the nodes")
public class RedistConfCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Override
    protected String tool() {
        return "gnt-cluster";
    }

    @Override
    protected String command() {
        return "redist-conf";
    }

    @Override
    public Object execute() {
        runJob(queue, List.of(OpCode.of("OP_CLUSTER_REDIST_CONF", Map.of())));
        return null;
    }
}
