package org.garnet.shell.internal.instance;

import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code gnt-instance move [-f] -n NODE [--compress=TOOL] [--shutdown-timeout N] NAME}. */
@Service
@Command(scope = "gnt.instance", name = "move", description = "Move instance to an arbitrary node (only for instances of type file and lv)")
public class MoveCommand extends RelocateCommand {
    @Option(name = "--compress", description = "The compression mode to use")
    String compress = "none";

    @Override
    protected Map<String, Object> params() {
        Map<String, Object> p = super.params();
        p.put("compress", compress);
        return p;
    }

    @Override
    protected String command() {
        return "move";
    }

    @Override
    protected String opId() {
        return "OP_INSTANCE_MOVE";
    }

    @Override
    protected String question() {
        return "Instance %s will be moved. This requires a shutdown of the instance. Continue?";
    }

    @Override
    protected boolean takesAllocator() {
        return false;
    }
}
