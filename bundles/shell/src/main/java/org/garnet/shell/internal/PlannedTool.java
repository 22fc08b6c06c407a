package org.garnet.shell.internal;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.karaf.shell.api.console.Session;
import org.garnet.shell.internal.format.Streams;

/**
 * A Ganeti tool whose objects Garnet does not have yet ({@code gnt-network}, {@code gnt-filter}): its listing
 * verbs answer what Ganeti answers for a cluster without such objects (the header of an empty list), every
 * other verb says it is not supported yet, on stderr, with exit status 1. The tool's usage lists its verbs.
 */
final class PlannedTool extends ShellTool {
    /** What a verb does: prints and returns the exit status. */
    @FunctionalInterface
    interface Verb {
        int run(List<Object> args, PrintStream out, PrintStream err);
    }

    private final String what;
    private final Map<String, Verb> verbs = new LinkedHashMap<>();

    private PlannedTool(String tool, String what) {
        super(tool);
        this.what = what;
    }

    static List<ShellTool> all(Supplier<List<String>> nodeNames) {
        PlannedTool network = new PlannedTool("gnt-network", "networks").listing("list",
                "Network Subnet Gateway MacPrefix GroupList Tags");
        network.unsupported("add", "add-tags", "connect", "disconnect", "info", "list-fields", "list-tags", "modify",
                "remove", "remove-tags");
        PlannedTool filter = new PlannedTool("gnt-filter", "job filters").listing("list",
                "UUID Watermark Priority Predicates Action ReasonTrail");
        filter.unsupported("add", "delete", "info", "list-fields", "replace");
        return List.of(network, filter);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private PlannedTool listing(String verb, String header) {
        verbs.put(verb, (args, out, err) -> {
            if (!args.contains("--no-headers")) {
                out.println(header);
            }
            return 0;
        });
        return this;
    }

    private void unsupported(String... names) {
        for (String name : names) {
            verbs.put(name, (args, out, err) -> {
                err.println("Failure: " + tool + " " + name + " is not supported by Garnet yet (no " + what
                        + " so far)");
                return 1;
            });
        }
    }

    @Override
    public String getDescription() {
        return "Ganeti's " + tool + " (" + what + ": not in Garnet yet)";
    }

    @Override
    protected int run(Session session, List<Object> arguments) {
        PrintStream out = System.out;
        PrintStream err = Streams.err();
        Verb verb = arguments.isEmpty() ? null : verbs.get(String.valueOf(arguments.get(0)));
        if (verb != null) {
            return verb.run(arguments.subList(1, arguments.size()), out, err);
        }
        Map<String, String> descriptions = new java.util.TreeMap<>();
        verbs.keySet().forEach(v -> descriptions.put(v, (v.startsWith("list") ? ""
                : "not supported yet: ") + v + " " + what));
        usage(out, descriptions);
        return 1;
    }
}
