package org.garnet.shell.internal.instance;

import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.jobs.JobAction;

/**
 * {@code gnt-instance console [--show-cmd] NAME}: prints what Ganeti prints per console kind (the message for
 * {@code msg}, host and port for VNC/SPICE, the command for {@code ssh}).
 */
@Service
@Command(scope = "gnt.instance", name = "console", description = "Connect to a running instance's console")
public class ConsoleCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Option(name = "--show-cmd", description = "Show command instead of executing it")
    boolean showCmd;

    @Argument(name = "instance", required = true, description = "Instance name")
    String name;

    @Override
    protected String tool() {
        return "gnt-instance";
    }

    @Override
    protected String command() {
        return "console";
    }

    @Override
    public Object execute() {
        List<Object> results = runJob(queue, List.of(OpCode.of("OP_INSTANCE_CONSOLE", Map.of("instance_name", name))));
        if (results == null) {
            return null;
        }
        Map<?, ?> c = (Map<?, ?>) results.get(0);
        switch (String.valueOf(c.get("kind"))) {
            case "msg" -> System.out.println(c.get("message"));
            case "vnc" -> System.out.println("Instance " + c.get("instance") + " has VNC listening on " + c.get("host")
                    + ":" + c.get("port") + ", URL <vnc://" + c.get("host") + ":" + c.get("port") + "/>");
            case "spice" -> System.out.println("Instance " + c.get("instance") + " has SPICE listening on "
                    + c.get("host") + ":" + c.get("port"));
            default -> System.out.println(c.get("command"));
        }
        return null;
    }
}
