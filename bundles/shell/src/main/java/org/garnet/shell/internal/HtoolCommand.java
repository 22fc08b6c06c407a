package org.garnet.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.console.Session;
import org.garnet.htools.cli.Main;
import org.garnet.shell.internal.format.Streams;

/**
 * One htool ({@code hbal}, {@code hspace}, ...) typed in the appliance's shell with Ganeti's arguments: the same
 * Java htools that {@code ./garnet hspace} runs standalone, here in the running JVM (no start-up cost, warm JIT).
 * Without a terminal a non-zero exit status is the command's result, passed on as the SSH exit status.
 */
final class HtoolCommand extends ShellTool {
    static final List<String> TOOLS = List.of("hbal", "hspace", "hail", "hcheck", "hinfo", "hroller", "hscan",
            "hsqueeze", "harep");

    HtoolCommand(String tool) {
        super(tool);
    }

    @Override
    public String getDescription() {
        return "Ganeti's " + tool + " (type '" + tool + " --help' for its options)";
    }

    @Override
    protected int run(Session session, List<Object> arguments) {
        Main.Tool t = Main.tool(tool);
        if (t == null) {
            Streams.err().println(tool + ": not implemented in Garnet yet");
            return 1;
        }
        String[] args = arguments.stream().map(String::valueOf).toArray(String[]::new);
        return t.run(args, System.out, Streams.err());
    }
}
