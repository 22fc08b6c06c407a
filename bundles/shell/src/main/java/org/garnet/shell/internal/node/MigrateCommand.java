package org.garnet.shell.internal.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.garnet.api.query.QueryService;
import org.garnet.shell.internal.format.Confirm;
import org.garnet.shell.internal.jobs.JobAction;
import org.garnet.shell.internal.jobs.JobExecutor;

/**
 * {@code gnt-node migrate [-f] [--non-live | --migration-mode MODE] [-n NODE | -I NAME] NODE}: one
 * {@code OP_NODE_MIGRATE} job, which submits a migration job per primary instance; then those are followed.
 */
@Service
@Command(scope = "gnt.node", name = "migrate", description = "Migrate all the primary instance on a node away from it")
public class MigrateCommand extends JobAction {
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
    @Option(name = "--non-live", description = "Do a non-live migration")
    boolean nonLive;
    @Option(name = "--migration-mode", description = "Override default migration mode (choose either live or "
            + "non-live")
    String migrationMode;
    @Option(name = "--target-node", aliases = "-n", description = "Specifies the new node for the instance")
    String target;
    @Option(name = "--iallocator", aliases = "-I", description = "Select nodes for the instance automatically "
            + "using the <NAME> iallocator plugin")
    String iallocator;
    @Option(name = "--ignore-ipolicy", description = "Ignore instance policy violations")
    boolean ignoreIpolicy;
    @Option(name = "--no-runtime-changes", description = "Don't allow runtime changes")
    boolean noRuntimeChanges;

    @Override
    protected String tool() {
        return "gnt-node";
    }

    @Override
    protected String command() {
        return "migrate";
    }

    @Override
    public Object execute() throws Exception {
        List<String> pinst = PrimaryInstances.of(query, node);
        if (pinst.isEmpty()) {
            System.out.println("No primary instances on node " + PrimaryInstances.name(query, node) + ", exiting.");
            return null;
        }
        if (!force && !Confirm.ask(session, "Migrate instance(s) " + String.join(", ", pinst) + "?")) {
            return 13;
        }
        if (nonLive && migrationMode != null) {
            throw GanetiException.prereq("Only one of the --non-live and --migration-mode options can be passed",
                    ErrorCode.ECODE_INVAL);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("node_name", node);
        if (nonLive || migrationMode != null) {
            p.put("mode", nonLive ? "non-live" : migrationMode);
        }
        if (iallocator != null) {
            p.put("iallocator", iallocator);
        }
        if (target != null) {
            p.put("target_node", target);
        }
        p.put("allow_runtime_changes", !noRuntimeChanges);
        p.put("ignore_ipolicy", ignoreIpolicy);
        List<Object> results = runJob(queue, List.of(OpCode.of("OP_NODE_MIGRATE", p)));
        if (results == null) {
            return null; // --submit
        }
        int bad = JobExecutor.awaitResult(queue, results.get(0));
        if (bad == 0) {
            System.out.println("All instances migrated successfully.");
            return null;
        }
        System.out.println("There were " + bad + " errors during the node migration.");
        return 1;
    }
}
