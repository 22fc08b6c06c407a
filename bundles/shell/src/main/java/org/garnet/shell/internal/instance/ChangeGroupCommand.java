package org.garnet.shell.internal.instance;

import java.util.LinkedHashMap;
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
import org.garnet.shell.internal.jobs.JobExecutor;

/**
 * {@code gnt-instance change-group [-I NAME] [--to GROUP]... INSTANCE}: one {@code OP_INSTANCE_CHANGE_GROUP} job,
 * whose result names the jobs that move the instance; those are followed, and Ganeti's summary printed.
 */
@Service
@Command(scope = "gnt.instance", name = "change-group", description = "Change group of instance")
public class ChangeGroupCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Argument(name = "instance", required = true, description = "Instance name")
    String instance;
    @Option(name = "--to", multiValued = true, description = "Destination node group (name or uuid)")
    List<String> to;
    @Option(name = "--iallocator", aliases = "-I", description = "Select nodes for the instance automatically "
            + "using the <NAME> iallocator plugin")
    String iallocator;
    @Option(name = "--early-release", description = "Release the locks on the secondary node(s) early")
    boolean earlyRelease;

    @Override
    protected String tool() {
        return "gnt-instance";
    }

    @Override
    protected String command() {
        return "change-group";
    }

    @Override
    public Object execute() throws Exception {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("instance_name", instance);
        if (iallocator != null) {
            p.put("iallocator", iallocator);
        }
        if (to != null && !to.isEmpty()) {
            p.put("target_groups", List.copyOf(to));
        }
        p.put("early_release", earlyRelease);
        List<Object> results = runJob(queue, List.of(OpCode.of("OP_INSTANCE_CHANGE_GROUP", p)));
        if (results == null) {
            return null; // --submit
        }
        int bad = JobExecutor.awaitResult(queue, results.get(0));
        if (bad == 0) {
            System.out.println("Instance '" + instance + "' changed group successfully.");
            return null;
        }
        System.out.println("There were " + bad + " errors while changing group of instance '" + instance + "'.");
        return 1;
    }
}
