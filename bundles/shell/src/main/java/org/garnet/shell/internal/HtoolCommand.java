package org.garnet.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Parser;
import org.apache.karaf.shell.api.console.Session;
import org.garnet.htools.cli.Main;
import org.garnet.shell.internal.format.Streams;

/**
 * One htool ({@code hbal}, {@code hspace}, ...) typed in the appliance's shell with Ganeti's arguments: the same
 * Java htools that {@code ./garnet hspace} runs standalone, here in the running JVM (no start-up cost, warm JIT).
 * Without a terminal a non-zero exit status is the command's result, passed on as the SSH exit status.
 */
final class HtoolCommand implements Command {
    static final List<String> TOOLS = List.of("hbal", "hspace", "hail", "hcheck", "hinfo", "hroller", "hscan",
            "hsqueeze", "harep");

    private final String tool;

    HtoolCommand(String tool) {
        this.tool = tool;
    }

    @Override
    public String getScope() {
        return Session.SCOPE_GLOBAL;
    }

    @Override
    public String getName() {
        return tool;
    }

    @Override
    public String getDescription() {
        return "Ganeti's " + tool + " (type '" + tool + " --help' for its options)";
    }

    @Override
    public Completer getCompleter(boolean scoped) {
        return null;
    }

    @Override
    public Parser getParser() {
        return null;
    }

    @Override
    public Object execute(Session session, List<Object> arguments) throws Exception {
        Object marker = session.get(Streams.MARKER_VARIABLE);
        return Streams.withMarker(marker == null ? null : String.valueOf(marker), () -> run(session, arguments));
    }

    private Object run(Session session, List<Object> arguments) {
        Main.Tool t = Main.tool(tool);
        int code;
        if (t == null) {
            Streams.err().println(tool + ": not implemented in Garnet yet");
            code = 1;
        } else {
            String[] args = arguments.stream().map(String::valueOf).toArray(String[]::new);
            code = t.run(args, System.out, Streams.err());
        }
        Streams.err().flush();
        System.out.flush();
        return code != 0 && session.getTerminal() == null ? Integer.valueOf(code) : null;
    }
}
