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
import org.garnet.shell.internal.format.Confirm;
import org.garnet.shell.internal.format.Streams;
import org.garnet.shell.internal.format.TextTable;
import org.garnet.shell.internal.jobs.JobAction;

/**
 * {@code gnt-node power on|off|cycle|status [NODE...]}: the nodes' out-of-band program through {@code
 * OP_OOB_COMMAND} (power off first marks the nodes offline, unless {@code --ignore-status}); a table of each node's
 * outcome, exit status 1 when one failed (Ganeti's PowerNode).
 */
@Service
@Command(scope = "gnt.node", name = "power", description = "Change power state of node by calling out-of-band helper.")
public class PowerCommand extends JobAction {
    private static final List<String> COMMANDS = List.of("on", "off", "cycle", "status");

    @Reference
    JobQueue queue;
    @Reference
    Session session;

    @Option(name = "--force", aliases = "-f", description = "Force the operation")
    boolean force;
    @Option(name = "--ignore-status", description = "Ignore the Node(s) offline status (potentially DANGEROUS)")
    boolean ignoreStatus;
    @Option(name = "--auto-promote", description = "Automatically promote master candidates if needed")
    boolean autoPromote;
    @Option(name = "--no-headers", description = "Don't display column headers")
    boolean noHeaders;
    @Option(name = "--separator", description = "Separator between output fields")
    String separator;
    @Option(name = "--oob-timeout", description = "Maximum time to wait for out-of-band helper")
    int oobTimeout = 60;
    @Option(name = "--power-delay", description = "Time in seconds to wait between power-ons")
    double powerDelay = 2.0;

    @Argument(index = 0, name = "command", required = true, description = "on|off|cycle|status")
    String command;
    @Argument(index = 1, name = "node", multiValued = true, description = "Nodes (all if none)")
    List<String> nodes;

    @Override
    protected String tool() {
        return "gnt-node";
    }

    @Override
    protected String command() {
        return "power";
    }

    @Override
    public Object execute() throws Exception {
        if (!COMMANDS.contains(command)) {
            Streams.err().println("power subcommand " + command + " not supported.");
            return 1;
        }
        String oob = "power-" + command;
        List<String> names = nodes == null ? List.of() : nodes;
        if (oob.equals("power-off") || oob.equals("power-cycle")) {
            if (names.isEmpty()) {
                Streams.err().println("Please provide at least one node for this command");
                return 1;
            }
            StringBuilder q = new StringBuilder("The power " + command + " will operate on " + names.size()
                    + " nodes.\nDo you want to continue?\nAffected nodes:");
            names.forEach(n -> q.append("\n  ").append(n));
            if (!force && !Confirm.ask(session, q.toString())) {
                return 1;
            }
        }
        List<OpCode> ops = new ArrayList<>();
        if (!ignoreStatus && oob.equals("power-off")) {
            for (String n : names) {
                ops.add(OpCode.of("OP_NODE_SET_PARAMS", Map.of("node_name", n, "offline", true, "auto_promote",
                        autoPromote)));
            }
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("node_names", names);
        p.put("command", oob);
        p.put("ignore_status", ignoreStatus);
        p.put("timeout", oobTimeout);
        p.put("power_delay", powerDelay);
        ops.add(OpCode.of("OP_OOB_COMMAND", p));
        List<Object> results = runJob(queue, ops);
        if (results == null) {
            return null;
        }
        int errs = 0;
        List<List<String>> rows = new ArrayList<>();
        for (Object entry : (List<?>) results.get(results.size() - 1)) {
            List<?> e = (List<?>) entry;
            String name = String.valueOf(((List<?>) e.get(0)).get(1));
            List<?> data = (List<?>) e.get(1);
            int status = ((Number) data.get(0)).intValue();
            if (status == 0) {
                if (oob.equals("power-status")) {
                    Object powered = data.get(1) instanceof Map<?, ?> m ? m.get("powered") : null;
                    rows.add(List.of(name, Boolean.TRUE.equals(powered) ? "powered" : "unpowered"));
                } else {
                    rows.add(List.of(name, "invoked"));
                }
            } else {
                errs++;
                rows.add(List.of(name, switch (status) {
                    case 1 -> "(unknown)";
                    case 2 -> "(nodata)";
                    case 4 -> "(offline)";
                    default -> "(unavail)";
                }));
            }
        }
        TextTable.print(List.of("Node", "Status"), rows, separator, !noHeaders);
        return errs > 0 ? 1 : null;
    }
}
