package org.garnet.shell.internal.instance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.jobs.JobAction;

/**
 * {@code gnt-instance rename [--no-name-check] [--no-ip-check] OLD NEW}: with {@code --no-name-check} asks
 * Ganeti's FQDN question first (no terminal: exit 1, nothing submitted); prints Ganeti's confirmation line.
 */
@Service
@Command(scope = "gnt.instance", name = "rename", description = "Rename the instance")
public class RenameCommand extends JobAction {
    @Reference
    JobQueue queue;
    @Reference
    Session session;

    @Option(name = "--no-name-check", description = "Don't check that the instance's name is resolvable")
    boolean noNameCheck;
    @Option(name = "--no-ip-check", description = "Don't check that the instance's IP is alive")
    boolean noIpCheck;

    @Argument(index = 0, name = "instance", required = true, description = "Current name")
    String name;
    @Argument(index = 1, name = "new-name", required = true, description = "New name")
    String newName;

    @Override
    protected String tool() {
        return "gnt-instance";
    }

    @Override
    protected String command() {
        return "rename";
    }

    @Override
    public Object execute() throws Exception {
        if (noNameCheck) {
            // Ganeti asks; without a terminal to answer on the answer is "no", silently
            if (session.getTerminal() == null) {
                return 1;
            }
            String answer = session.readLine("As you disabled the check of the DNS entry, please verify that\n'"
                    + newName + "' is a FQDN. Continue?\ny/[n]/?: ", null);
            if (answer == null || !answer.strip().equalsIgnoreCase("y")) {
                return 1;
            }
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("instance_name", name);
        p.put("new_name", newName);
        p.put("name_check", !noNameCheck);
        p.put("ip_check", !noIpCheck && !noNameCheck);
        List<Object> r = runJob(queue, List.of(OpCode.of("OP_INSTANCE_RENAME", p)));
        if (r != null) {
            System.out.println("Instance '" + name + "' renamed to '" + r.get(0) + "'");
        }
        return null;
    }
}
