package org.garnet.shell.internal.instance;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code gnt-instance deactivate-disks [--force] NAME}. */
@Service
@Command(scope = "gnt.instance", name = "deactivate-disks", description = "Deactivate an instance's disks")
public class DeactivateDisksCommand extends InstanceJobCommand {
    @Option(name = "--force", aliases = "-f", description = "Force the operation")
    boolean force;

    @Override
    protected String command() {
        return "deactivate-disks";
    }

    @Override
    protected String opId() {
        return "OP_INSTANCE_DEACTIVATE_DISKS";
    }

    @Override
    protected Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("force", force);
        return p;
    }
}
