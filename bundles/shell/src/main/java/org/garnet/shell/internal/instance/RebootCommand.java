package org.garnet.shell.internal.instance;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code gnt-instance reboot [--type soft|hard|full] [--shutdown-timeout N] [--ignore-secondaries] NAME...}. */
@Service
@Command(scope = "gnt.instance", name = "reboot", description = "Reboots an instance")
public class RebootCommand extends InstanceJobCommand {
    @Option(name = "--type", aliases = "-t", description = "Type of reboot: soft/hard/full")
    String type = "hard";
    @Option(name = "--shutdown-timeout", description = "Seconds to wait for the instance to shut down")
    int shutdownTimeout = 120;
    @Option(name = "--ignore-secondaries", description = "Ignore errors from secondaries")
    boolean ignoreSecondaries;

    @Override
    protected String command() {
        return "reboot";
    }

    @Override
    protected String opId() {
        return "OP_INSTANCE_REBOOT";
    }

    @Override
    protected Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("reboot_type", type);
        p.put("shutdown_timeout", shutdownTimeout);
        p.put("ignore_secondaries", ignoreSecondaries);
        return p;
    }

    @Override
    protected boolean manyOps() {
        return true;
    }
}
