package org.garnet.shell.internal.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.config.NodeMembership;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.format.KeyValues;
import org.garnet.shell.internal.jobs.JobAction;

/**
 * {@code gnt-node add}: as Ganeti's client, first the node's set-up over ssh (certificates, facts, node
 * daemon), then one {@code OP_NODE_ADD} job.
 */
@Service
@Command(scope = "gnt.node", name = "add", description = "Add a node to the cluster")
public class AddCommand extends JobAction {
    @Reference
    JobQueue queue;
    @Reference
    NodeMembership membership;

    @Option(name = "--secondary-ip", aliases = "-s", description = "Specify the secondary ip for the node")
    String secondaryIp;
    @Option(name = "--readd", description = "Readd old node after replacing it")
    boolean readd;
    @Option(name = "--no-ssh-key-check", description = "Disable SSH key fingerprint checking")
    boolean noSshKeyCheck;
    @Option(name = "--force-join", description = "Force the joining of a node")
    boolean forceJoin;
    @Option(name = "--no-node-setup", description = "Do not make initial SSH setup on remote node (needs to be "
            + "done manually)")
    boolean noNodeSetup;
    @Option(name = "--verbose", aliases = "-v", description = "Increase the verbosity of the operation")
    boolean verbose;
    @Option(name = "--node-group", aliases = "-g", description = "Node group (name or uuid)")
    String group;
    @Option(name = "--master-capable", description = "Set the master_capable flag on the node (yes|no)")
    String masterCapable;
    @Option(name = "--vm-capable", description = "Set the vm_capable flag on the node (yes|no)")
    String vmCapable;
    @Option(name = "--node-parameters", description = "Node parameters")
    String ndparams;
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
        return "add";
    }

    @Override
    public Object execute() {
        // Ganeti ignores --no-node-setup (the cluster's SSH setup decides); Garnet always sets the node up
        membership.setUp(name, secondaryIp, readd, !noSshKeyCheck);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("node_name", name);
        if (secondaryIp != null) {
            p.put("secondary_ip", secondaryIp);
        }
        p.put("readd", readd);
        if (group != null) {
            p.put("group", group);
        }
        putFlag(p, "master_capable", masterCapable);
        putFlag(p, "vm_capable", vmCapable);
        if (ndparams != null) {
            p.put("ndparams", KeyValues.parse(ndparams));
        }
        p.put("node_setup", true);
        runJob(queue, List.of(OpCode.of("OP_NODE_ADD", p)));
        return null;
    }

    static void putFlag(Map<String, Object> p, String key, String value) {
        if (value == null) {
            return;
        }
        p.put(key, KeyValues.yesNo(value));
    }
}
