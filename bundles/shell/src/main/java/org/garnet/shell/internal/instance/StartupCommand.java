package org.garnet.shell.internal.instance;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.shell.internal.format.KeyValues;
import org.garnet.shell.internal.format.Sizes;

/** {@code gnt-instance startup [--force] [-H ...] [-B ...] [--no-remember] [--paused] NAME...}. */
@Service
@Command(scope = "gnt.instance", name = "startup", description = "Starts an instance")
public class StartupCommand extends InstanceJobCommand {
    @Option(name = "--force", aliases = "-f", description = "Force the operation")
    boolean force;
    @Option(name = "--hypervisor-parameters", aliases = "-H", description = "Temporary hypervisor parameters")
    String hv;
    @Option(name = "--backend-parameters", aliases = "-B", description = "Temporary backend parameters")
    String be;
    @Option(name = "--no-remember", description = "Do not remember the state change")
    boolean noRemember;
    @Option(name = "--paused", description = "Pause instance at startup")
    boolean paused;
    @Option(name = "--ignore-offline", description = "Ignore offline nodes and do as much as possible")
    boolean ignoreOffline;

    @Override
    protected String command() {
        return "startup";
    }

    @Override
    protected String opId() {
        return "OP_INSTANCE_STARTUP";
    }

    @Override
    protected Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("force", force);
        p.put("hvparams", hv == null ? Map.of() : KeyValues.parse(hv));
        p.put("beparams", be == null ? Map.of() : Sizes.beparams(KeyValues.parse(be)));
        p.put("no_remember", noRemember);
        p.put("startup_paused", paused);
        p.put("ignore_offline_nodes", ignoreOffline);
        return p;
    }

    @Override
    protected boolean manyOps() {
        return true;
    }
}
