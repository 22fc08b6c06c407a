package org.garnet.shell.internal.instance;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.garnet.shell.internal.format.Confirm;

/**
 * What {@code gnt-instance failover}, {@code migrate} and {@code move} share: {@code -f}, {@code -n NODE},
 * {@code --iallocator}, timeouts and policy flags, and Ganeti's question before moving the instance.
 */
abstract class RelocateCommand extends InstanceJobCommand {
    @Reference
    Session session;

    @Option(name = "--force", aliases = "-f", description = "Force the operation")
    boolean force;
    @Option(name = "--node", aliases = {"-n", "--target-node"}, description = "Specifies the new node for the instance")
    String node;
    @Option(name = "--iallocator", aliases = "-I", description = "Select the target node with this iallocator")
    String iallocator;
    @Option(name = "--shutdown-timeout", description = "Seconds to wait for the instance to shut down")
    int shutdownTimeout = 120;
    @Option(name = "--ignore-consistency", description = "Ignore the consistency of the disks on the secondary")
    boolean ignoreConsistency;
    @Option(name = "--ignore-ipolicy", description = "Ignore instance policy violations")
    boolean ignoreIpolicy;

    /** Ganeti's confirmation question, with {@code %s} for the instance names. */
    protected abstract String question();

    /** Whether the opcode takes an {@code iallocator} (move does not). */
    protected boolean takesAllocator() {
        return true;
    }

    @Override
    protected Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        if (node != null) {
            p.put("target_node", node);
        }
        if (iallocator != null && takesAllocator()) {
            p.put("iallocator", iallocator);
        }
        p.put("shutdown_timeout", shutdownTimeout);
        p.put("ignore_consistency", ignoreConsistency);
        p.put("ignore_ipolicy", ignoreIpolicy);
        return p;
    }

    @Override
    protected boolean confirm() throws Exception {
        return force || Confirm.ask(session, String.format(question(), String.join(", ", names)));
    }
}
