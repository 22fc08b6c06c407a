package org.garnet.shell.internal.node;

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
import org.garnet.shell.internal.format.KeyValues;
import org.garnet.shell.internal.format.Streams;
import org.garnet.shell.internal.jobs.JobAction;

/**
 * {@code gnt-node modify}: one {@code OP_NODE_SET_PARAMS} job; prints Ganeti's "Modified node" block of changes.
 * {@code --online} is Garnet's spelling of {@code --offline=no}.
 */
@Service
@Command(scope = "gnt.node", name = "modify", description = "Alters the parameters of a node")
public class ModifyCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Option(name = "--force", aliases = "-f", description = "Force the operation")
    boolean force;
    @Option(name = "--master-candidate", aliases = "-C", description = "Set the master_candidate flag (yes|no)")
    String masterCandidate;
    @Option(name = "--drained", aliases = "-D", description = "Set the drained flag on the node (yes|no)")
    String drained;
    @Option(name = "--offline", aliases = "-O", description = "Set the offline flag on the node (yes|no)")
    String offline;
    @Option(name = "--online", description = "Mark the node online again (the same as --offline=no)")
    boolean online;
    @Option(name = "--master-capable", description = "Set the master_capable flag on the node (yes|no)")
    String masterCapable;
    @Option(name = "--vm-capable", description = "Set the vm_capable flag on the node (yes|no)")
    String vmCapable;
    @Option(name = "--secondary-ip", aliases = "-s", description = "Specify the secondary ip for the node")
    String secondaryIp;
    @Option(name = "--auto-promote", description = "Lock all nodes and auto-promote as needed to MC status")
    boolean autoPromote;
    @Option(name = "--node-parameters", description = "Node parameters")
    String ndparams;
    @Option(name = "--node-powered", description = "Specify if the SoR for node is powered (yes|no)")
    String powered;
    @Option(name = "--hypervisor-state", description = "Specify hypervisor state information (unused for now)")
    String hvState;
    @Option(name = "--disk-state", description = "Specify disk state information (unused for now)")
    String diskState;

    @Argument(name = "node-name", required = true, description = "Node name")
    String name;

    @Override
    protected String tool() {
        return "gnt-node";
    }

    @Override
    protected String command() {
        return "modify";
    }

    @Override
    public Object execute() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("node_name", name);
        p.put("force", force);
        AddCommand.putFlag(p, "master_candidate", masterCandidate);
        AddCommand.putFlag(p, "drained", drained);
        AddCommand.putFlag(p, "offline", online ? "no" : offline);
        AddCommand.putFlag(p, "master_capable", masterCapable);
        AddCommand.putFlag(p, "vm_capable", vmCapable);
        AddCommand.putFlag(p, "powered", powered);
        if (secondaryIp != null) {
            p.put("secondary_ip", secondaryIp);
        }
        if (ndparams != null) {
            p.put("ndparams", KeyValues.parse(ndparams));
        }
        p.put("auto_promote", autoPromote);
        if (p.size() == 3) {
            Streams.err().println("Please give at least one of the parameters.");
            return 1;
        }
        List<Object> results = runJob(queue, List.of(OpCode.of("OP_NODE_SET_PARAMS", p)));
        if (results != null && !results.isEmpty() && results.get(0) instanceof List<?> changes && !changes.isEmpty()) {
            System.out.println("Modified node " + name);
            for (Object c : changes) {
                if (c instanceof List<?> kv && kv.size() == 2) {
                    System.out.println(String.format(" - %-5s -> %s", kv.get(0), kv.get(1)));
                }
            }
        }
        return null;
    }
}
