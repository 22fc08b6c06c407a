package org.garnet.shell.internal.instance;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.query.QueryResult;
import org.garnet.api.hypervisor.SerialConsoles;
import org.garnet.api.query.QueryService;
import org.garnet.api.query.ResultCell;

/**
 * {@code gnt-instance console [--show-cmd] NAME}: prints what Ganeti prints per console kind (the message for
 * {@code msg}, host and port for VNC/SPICE, the command for {@code ssh}).
 */
@Service
@Command(scope = "gnt.instance", name = "console", description = "Connect to a running instance's console")
public class ConsoleCommand implements Action {
    @Reference
    QueryService query;

    @Reference(optional = true)
    SerialConsoles consoles;

    @Reference
    org.apache.karaf.shell.api.console.Session session;

    @Option(name = "--show-cmd", description = "Show command instead of executing it")
    boolean showCmd;

    @Argument(name = "instance", required = true, description = "Instance name")
    String name;

    /** As Ganeti: a query of the {@code console} and {@code oper_state} fields, no job. */
    @Override
    public Object execute() {
        QueryResult r;
        try {
            r = query.query("instance", List.of("console", "oper_state"), List.of(name));
        } catch (GanetiException e) {
            throw e.code() == ErrorCode.ECODE_NOENT ? GanetiException.prereq("Instance '" + name
                    + "' does not exist", ErrorCode.ECODE_NOENT) : e;
        }
        List<ResultCell> row = r.rows().get(0);
        if (!(row.get(0).value() instanceof Map<?, ?> c)) {
            throw GanetiException.exec(Boolean.TRUE.equals(row.get(1).value())
                    ? "Console information for instance " + name + " is unavailable"
                    : "Instance " + name + " is not running, can't get console");
        }
        switch (String.valueOf(c.get("kind"))) {
            case "msg" -> System.out.println(c.get("message"));
            case "vnc" -> System.out.println("Instance " + c.get("instance") + " has VNC listening on " + c.get("host")
                    + ":" + c.get("port") + " (display " + c.get("display") + "), URL <vnc://" + c.get("host") + ":"
                    + c.get("port") + "/>");
            case "spice" -> System.out.println("Instance " + c.get("instance") + " has SPICE listening on "
                    + c.get("host") + ":" + c.get("port"));
            default -> {
                if (showCmd || consoles == null) {
                    System.out.println(c.get("command"));
                } else {
                    stream(String.valueOf(c.get("instance")));
                }
            }
        }
        return null;
    }

    /**
     * The serial console, until it closes, this session goes away (a write to a closed session fails, checked
     * after each piece of output) or its user presses Ctrl-] (Ganeti's escape, {@code 0x1d}): the guest's output
     * to this session, the session's keys to the guest (in raw mode on a terminal: Ctrl-C goes to the guest, as
     * through Ganeti's socat). Input that ends (a script's standard input) leaves the output streaming.
     */
    private void stream(String instance) {
        // the session's console, as Karaf's log:tail writes: a command's own output stream (gogo's pipe) reaches
        // an SSH exec channel only when the command ends
        java.io.PrintStream out = session != null ? session.getConsole() : System.out;
        InputStream in = consoles.open(instance);
        ConsoleKeys keys = ConsoleKeys.start(session, bytes -> consoles.type(instance, bytes), () -> {
            try {
                in.close(); // the escape: the output loop below ends
            } catch (java.io.IOException ignored) {
                // closed
            }
        });
        try (in) {
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
                if (out.checkError() || Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        } catch (java.io.IOException e) {
            if (!keys.escaped()) {
                throw GanetiException.exec("The console of " + instance + " closed: " + e.getMessage());
            }
        } finally {
            keys.stop();
        }
    }
}
