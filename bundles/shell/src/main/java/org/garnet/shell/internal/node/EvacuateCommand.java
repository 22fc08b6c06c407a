package org.garnet.shell.internal.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.query.QueryResult;
import org.garnet.api.query.QueryService;
import org.garnet.shell.internal.format.Confirm;
import org.garnet.shell.internal.format.Streams;
import org.garnet.shell.internal.jobs.JobAction;
import org.garnet.shell.internal.jobs.JobExecutor;

/**
 * {@code gnt-node evacuate [-f] {-I NAME | -n NODE} [-p | -s] NODE}: one {@code OP_NODE_EVACUATE} job, whose
 * result names the jobs that move the instances (placed by the IAllocator); then those are followed.
 */
@Service
@Command(scope = "gnt.node", name = "evacuate", description = "Relocate the primary and/or secondary instances "
        + "from a node")
public class EvacuateCommand extends JobAction {
    @Reference
    JobQueue queue;
    @Reference
    QueryService query;
    @Reference
    Session session;

    @Argument(name = "node", required = true, description = "Node name")
    String node;
    @Option(name = "--force", aliases = "-f", description = "Force the operation")
    boolean force;
    @Option(name = "--iallocator", aliases = "-I", description = "Select nodes for the instance automatically "
            + "using the <NAME> iallocator plugin")
    String iallocator;
    @Option(name = "--new-secondary", aliases = "-n", description = "Specifies the new secondary node")
    String newSecondary;
    @Option(name = "--ignore-soft-errors", description = "Tell htools to ignore any soft errors like N+1 violations")
    boolean ignoreSoftErrors;
    @Option(name = "--early-release", description = "Release the locks on the secondary node(s) early")
    boolean earlyRelease;
    @Option(name = "--primary-only", aliases = "-p", description = "Evacuate primary instances only")
    boolean primaryOnly;
    @Option(name = "--secondary-only", aliases = "-s", description = "Evacuate secondary instances only")
    boolean secondaryOnly;

    @Override
    protected String tool() {
        return "gnt-node";
    }

    @Override
    protected String command() {
        return "evacuate";
    }

    @Override
    public Object execute() throws Exception {
        if (newSecondary != null) {
            Streams.err().println("New secondary node given (disabling iallocator), hence evacuating secondary "
                    + "instances only.");
            secondaryOnly = true;
            primaryOnly = false;
        }
        if (primaryOnly && secondaryOnly) {
            throw GanetiException.prereq("Only one of the --primary-only and --secondary-only options can be passed",
                    ErrorCode.ECODE_INVAL);
        }
        String mode = primaryOnly ? "primary-only" : secondaryOnly ? "secondary-only" : "all";
        List<String> fields = new java.util.ArrayList<>();
        if (!secondaryOnly) {
            fields.add("pinst_list");
        }
        if (!primaryOnly) {
            fields.add("sinst_list");
        }
        QueryResult r = query.query("node", fields, List.of(node));
        TreeSet<String> instances = new TreeSet<>();
        r.rows().forEach(row -> row.forEach(cell -> {
            if (cell.value() instanceof List<?> l) {
                l.forEach(x -> instances.add(String.valueOf(x)));
            }
        }));
        if (instances.isEmpty()) {
            Streams.err().println("No instances to evacuate on node(s) " + node + ", exiting.");
            return null;
        }
        if (!force && !Confirm.ask(session, "Relocate instance(s) " + String.join(", ", instances)
                + " from node(s) " + node + "?")) {
            return 13;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("node_name", node);
        p.put("mode", mode);
        if (newSecondary != null) {
            p.put("remote_node", newSecondary);
        }
        if (iallocator != null) {
            p.put("iallocator", iallocator);
        }
        p.put("early_release", earlyRelease);
        p.put("ignore_soft_errors", ignoreSoftErrors);
        List<Object> results = runJob(queue, List.of(OpCode.of("OP_NODE_EVACUATE", p)));
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
