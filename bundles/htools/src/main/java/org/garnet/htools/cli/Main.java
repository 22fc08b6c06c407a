package org.garnet.htools.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/**
 * Standalone entry point of the htools: {@code java -jar org.garnet.htools-VERSION-cli.jar TOOL [ARGS...]}, which
 * {@code ./garnet TOOL ...} runs. Exits with the tool's status.
 */
public final class Main {
    /** One tool: its arguments, standard output and error, and its exit status. */
    @FunctionalInterface
    public interface Tool {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    private static final Map<String, Tool> TOOLS = Map.of("hinfo", new Hinfo(), "hspace", new Hspace(), "hcheck", new Hcheck(), "hroller", new Hroller(),
            "hscan", new Hscan(), "hail", new Hail(), "hbal", new Hbal(), "hsqueeze", new Hsqueeze());

    private Main() {
    }

    /** The tool registered under {@code name}, or null. */
    public static Tool tool(String name) {
        return TOOLS.get(name);
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: TOOL [ARGS...]; tools: hail, hbal, hcheck, hinfo, hroller, hscan, hspace, "
                    + "hsqueeze, harep");
            System.exit(1);
        }
        Tool tool = TOOLS.get(args[0]);
        if (tool == null) {
            System.err.println(args[0] + ": not implemented in Garnet yet");
            System.exit(1);
        }
        int rc = tool.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err);
        System.out.flush();
        System.exit(rc);
    }
}
