package org.garnet.shell.internal.instance;

import org.garnet.shell.internal.ArgCount;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.garnet.shell.internal.format.Confirm;

/**
 * {@code gnt-instance remove [--force] [--ignore-failures] [--shutdown-timeout N] NAME}: asks Ganeti's question
 * first unless {@code --force}; without a terminal to answer on, it refuses and says to use {@code --force}.
 */
@Service
@ArgCount(min = 1, max = 1)
@Command(scope = "gnt.instance", name = "remove", description = "Removes the instance from the cluster")
public class RemoveCommand extends InstanceJobCommand {
    @Reference
    Session session;

    @Option(name = "--force", aliases = "-f", description = "Force the operation")
    boolean force;
    @Option(name = "--ignore-failures", description = "Remove the instance from the cluster configuration even "
            + "if there are failures during the removal process")
    boolean ignoreFailures;
    @Option(name = "--shutdown-timeout", description = "Seconds to wait for the instance to shut down")
    int shutdownTimeout = 120;

    @Override
    protected String command() {
        return "remove";
    }

    @Override
    protected String opId() {
        return "OP_INSTANCE_REMOVE";
    }

    @Override
    protected Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ignore_failures", ignoreFailures);
        p.put("shutdown_timeout", shutdownTimeout);
        return p;
    }

    @Override
    protected boolean confirm() throws Exception {
        if (names.size() != 1) {
            org.garnet.shell.internal.format.Streams.err().println("Error: Command remove expects 1 argument(s)");
            return false;
        }
        if (force) {
            return true;
        }
        String question = "This will remove the volumes of the instance " + String.join(", ", names)
                + " (including mirrors), thus removing all the data of the instance. Continue?";
        return Confirm.ask(session, question);
    }
}
