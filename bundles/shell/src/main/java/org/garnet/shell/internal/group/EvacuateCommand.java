package org.garnet.shell.internal.group;

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
 * {@code gnt-group evacuate [-I NAME] [--to GROUP]... [--sequential] [--force-failover] GROUP}: one
 * {@code OP_GROUP_EVACUATE} job, whose result names the jobs that move the group's instances; those are
 * followed, and Ganeti's summary printed.
 */
@Service
@Command(scope = "gnt.group", name = "evacuate", description = "Evacuate all instances within a group")
public class EvacuateCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Argument(name = "group", required = true, description = "Source group")
    String group;
    @Option(name = "--to", multiValued = true, description = "Destination node group (name or uuid)")
    List<String> to;
    @Option(name = "--iallocator", aliases = "-I", description = "Select nodes for the instance automatically "
            + "using the <NAME> iallocator plugin")
    String iallocator;
    @Option(name = "--early-release", description = "Release the locks on the secondary node(s) early")
    boolean earlyRelease;
    @Option(name = "--sequential", description = "Execute all resulting jobs sequentially")
    boolean sequential;
    @Option(name = "--force-failover", description = "Do not use migration, always use failover")
    boolean forceFailover;

    @Override
    protected String tool() {
        return "gnt-group";
    }

    @Override
    protected String command() {
        return "evacuate";
    }

    @Override
    public Object execute() throws Exception {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("group_name", group);
        if (iallocator != null) {
            p.put("iallocator", iallocator);
        }
        if (to != null && !to.isEmpty()) {
            p.put("target_groups", List.copyOf(to));
        }
        p.put("early_release", earlyRelease);
        p.put("sequential", sequential);
        p.put("force_failover", forceFailover);
        List<Object> results = runJob(queue, List.of(OpCode.of("OP_GROUP_EVACUATE", p)));
        if (results == null) {
            return null; // --submit
        }
        int bad = JobExecutor.awaitResult(queue, results.get(0));
        if (bad == 0) {
            System.out.println("All instances evacuated successfully.");
            return null;
        }
        System.out.println("There were " + bad + " errors during the evacuation.");
        return 1;
    }
}
