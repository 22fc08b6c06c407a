package org.garnet.shell.internal.instance;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code gnt-instance move [-f] [-n NODE] [--iallocator NAME] [--shutdown-timeout N] NAME}. */
@Service
@Command(scope = "gnt.instance", name = "move", description = "Move instance to an arbitrary node (only for instances of type file and lv)")
public class MoveCommand extends InstanceJobCommand {
    @Reference
    Session session;

    @Option(name = "--force", aliases = "-f", description = "Force the operation")
    boolean force;
    @Option(name = "--node", aliases = "-n", description = "Target node")
    String node;
    @Option(name = "--iallocator", aliases = "-I", description = "Select the target node with this iallocator")
    String iallocator;
    @Option(name = "--shutdown-timeout", description = "Seconds to wait for the instance to shut down")
    int shutdownTimeout = 120;
    @Option(name = "--ignore-consistency", description = "Ignore the consistency of the disks on the secondary")
    boolean ignoreConsistency;
    @Option(name = "--ignore-ipolicy", description = "Ignore instance policy violations")
    boolean ignoreIpolicy;

    @Override
    protected String command() {
        return "move";
    }

    @Override
    protected String opId() {
        return "OP_INSTANCE_MOVE";
    }

    @Override
    protected Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        if (node != null) {
            p.put("target_node", node);
        }
        if (iallocator != null && !"OP_INSTANCE_MOVE".equals("OP_INSTANCE_MOVE")) {
            p.put("iallocator", iallocator);
        }
        p.put("shutdown_timeout", shutdownTimeout);
        p.put("ignore_consistency", ignoreConsistency);
        p.put("ignore_ipolicy", ignoreIpolicy);
        return p;
    }

    @Override
    protected boolean confirm() throws Exception {
        return force || Confirm.ask(session, String.format("Instance %s will be moved. This requires a shutdown of the instance. Continue?", String.join(", ", names)));
    }
}
