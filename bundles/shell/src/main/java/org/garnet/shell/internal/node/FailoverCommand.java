package org.garnet.shell.internal.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.query.QueryService;
import org.garnet.shell.internal.format.Confirm;
import org.garnet.shell.internal.format.Streams;
import org.garnet.shell.internal.jobs.JobAction;
import org.garnet.shell.internal.jobs.JobExecutor;

/**
 * {@code gnt-node failover [-f] [--ignore-consistency] [-I NAME] NODE}: as Ganeti, no opcode of its own — one
 * {@code OP_INSTANCE_FAILOVER} job per primary instance of the node, submitted together, then followed.
 */
@Service
@Command(scope = "gnt.node", name = "failover", description = "Stops the primary instances on a node and start "
        + "them on their secondary node")
public class FailoverCommand extends JobAction {
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
    @Option(name = "--ignore-consistency", description = "Ignore the consistency of the disks on the secondary")
    boolean ignoreConsistency;
    @Option(name = "--iallocator", aliases = "-I", description = "Select nodes for the instance automatically "
            + "using the <NAME> iallocator plugin")
    String iallocator;

    @Override
    protected String tool() {
        return "gnt-node";
    }

    @Override
    protected String command() {
        return "failover";
    }

    @Override
    public Object execute() throws Exception {
        List<String> pinst = PrimaryInstances.of(query, node);
        if (pinst.isEmpty()) {
            Streams.err().println("No primary instances on node " + PrimaryInstances.name(query, node)
                    + ", exiting.");
            return null;
        }
        List<String> quoted = pinst.stream().map(n -> "'" + n + "'").toList();
        if (!force && !Confirm.ask(session, "Fail over instance(s) " + String.join(",", quoted) + "?")) {
            return 2;
        }
        List<Long> ids = new ArrayList<>();
        for (String name : pinst) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("instance_name", name);
            p.put("ignore_consistency", ignoreConsistency);
            if (iallocator != null) {
                p.put("iallocator", iallocator);
            }
            ids.add(queue.submit(prepare(List.of(OpCode.of("OP_INSTANCE_FAILOVER", p)))));
        }
        if (submitOnly) {
            for (int i = 0; i < ids.size(); i++) {
                System.out.println(ids.get(i) + ": " + pinst.get(i));
            }
            return null;
        }
        int bad = JobExecutor.await(queue, ids, pinst);
        if (bad == 0) {
            System.out.println("All " + ids.size() + " instance(s) failed over successfully.");
        } else {
            System.out.println("There were errors during the failover:\n" + bad + " error(s) out of " + ids.size()
                    + " instance(s).");
        }
        return null;
    }
}
