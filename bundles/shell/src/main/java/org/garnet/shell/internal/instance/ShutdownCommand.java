package org.garnet.shell.internal.instance;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code gnt-instance shutdown [--timeout N] [--no-remember] [--force] NAME...}. */
@Service
@Command(scope = "gnt.instance", name = "shutdown", description = "Stops an instance")
public class ShutdownCommand extends InstanceJobCommand {
    @Option(name = "--timeout", description = "Seconds to wait before forcing the shutdown")
    int timeout = 120;
    @Option(name = "--no-remember", description = "Do not remember the state change")
    boolean noRemember;
    @Option(name = "--force", aliases = "-f", description = "Force the operation")
    boolean force;
    @Option(name = "--ignore-offline", description = "Ignore offline nodes and do as much as possible")
    boolean ignoreOffline;

    @Override
    protected String command() {
        return "shutdown";
    }

    @Override
    protected String opId() {
        return "OP_INSTANCE_SHUTDOWN";
    }

    @Override
    protected Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("timeout", timeout);
        p.put("no_remember", noRemember);
        p.put("force", force);
        p.put("ignore_offline_nodes", ignoreOffline);
        return p;
    }

    @Override
    protected boolean manyOps() {
        return true;
    }
}
