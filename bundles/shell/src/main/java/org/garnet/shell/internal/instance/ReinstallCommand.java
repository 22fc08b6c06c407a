package org.garnet.shell.internal.instance;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.garnet.shell.internal.format.Confirm;
import org.garnet.shell.internal.format.KeyValues;

/** {@code gnt-instance reinstall [-o OS] [-O params] [--force-variant] [-f] NAME}: asks first unless {@code -f}. */
@Service
@Command(scope = "gnt.instance", name = "reinstall", description = "Reinstall a stopped instance")
public class ReinstallCommand extends InstanceJobCommand {
    @Reference
    Session session;

    @Option(name = "--os-type", aliases = "-o", description = "Installs a different OS than the one configured")
    String os;
    @Option(name = "--os-parameters", aliases = "-O", description = "OS parameters")
    String osparams;
    @Option(name = "--force-variant", description = "Force an unknown variant")
    boolean forceVariant;
    @Option(name = "--force", aliases = "-f", description = "Force the operation")
    boolean force;

    @Override
    protected String command() {
        return "reinstall";
    }

    @Override
    protected String opId() {
        return "OP_INSTANCE_REINSTALL";
    }

    @Override
    protected Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        if (os != null) {
            p.put("os_type", os);
        }
        if (osparams != null) {
            p.put("osparams", KeyValues.parse(osparams));
        }
        p.put("force_variant", forceVariant);
        return p;
    }

    @Override
    protected boolean confirm() throws Exception {
        return force || Confirm.ask(session, "This will reinstall the instance '" + String.join(", ", names)
                + "' and remove all data. Continue?");
    }
}
