package org.garnet.shell.internal;

import org.garnet.shell.internal.format.Streams;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.garnet.api.GanetiException;
import org.garnet.shell.internal.format.Errors;

/**
 * One Ganeti tool typed as in Ganeti ({@code gnt-cluster info ...}): finds the verb's Karaf command (scope
 * {@code gnt.cluster}, name {@code info}), lets Karaf parse its options and run it, and turns errors into
 * Ganeti's wording and exit codes. Without a terminal (ssh exec, {@code ./garnet}) a non-zero exit code is
 * returned as the command's result, which Karaf's SSH server passes on as the exit status.
 */
final class ToolCommand extends ShellTool {
    /** Verbs that work on any node (Ganeti's tools that do not talk to the master daemon). */
    static final java.util.Set<String> ANY_NODE = java.util.Set.of("gnt-cluster init", "gnt-cluster version",
            "gnt-cluster getmaster", "gnt-cluster master-ping", "gnt-cluster master-failover",
            "gnt-cluster destroy");
    private final String scope;
    private final Runnable requireMaster;

    ToolCommand(String tool, Runnable requireMaster) {
        super(tool);
        this.scope = scopeOf(tool);
        this.requireMaster = requireMaster;
    }

    /** {@code gnt-cluster} → {@code gnt.cluster}: the scope of the tool's verbs. */
    static String scopeOf(String tool) {
        return tool.replaceFirst("^gnt-", "gnt.");
    }

    @Override
    public String getDescription() {
        return "Ganeti's " + tool + " (type '" + tool + " --help' for its commands)";
    }

    @Override
    public Completer getCompleter(boolean scoped) {
        return this::complete;
    }

    @Override
    protected int run(Session session, List<Object> arguments) throws Exception {
        PrintStream out = System.out;
        PrintStream err = Streams.err();
        if (arguments.isEmpty()) {
            usage(session, out); // Ganeti: the usage on stdout, exit 1
            return 1;
        }
        String verb = String.valueOf(arguments.get(0));
        if ("--help".equals(verb) || "-h".equals(verb) || "help".equals(verb)) {
            usage(session, out);
            return 0;
        }
        if ("--version".equals(verb)) {
            out.println(tool + " (garnet " + Version.get() + ") " + Version.get());
            return 0;
        }
        Optional<Command> command = verb(session, verb);
        if (command.isEmpty()) {
            usage(session, out);
            return 1;
        }
        try {
            if (!ANY_NODE.contains(tool + " " + verb) && !arguments.contains("--help") && !arguments.contains("-h")) {
                requireMaster.run();
            }
            List<Object> rest = arguments.subList(1, arguments.size());
            Class<?> action = OptionOrder.actionClass(command.get());
            if (action != null) {
                rest = OptionOrder.optionsFirst(action, rest);
            }
            Object result = command.get().execute(session, rest);
            return result instanceof Integer code ? code : 0;
        } catch (GanetiException e) {
            Errors.Formatted f = Errors.format(e);
            err.println(f.message());
            return f.exitCode();
        } catch (CommandException e) {
            Class<?> action = OptionOrder.actionClass(command.get());
            if (e.getMessage() != null && e.getMessage().startsWith("Undefined option: ") && action != null) {
                // optparse's answer, as Ganeti's tools print it
                err.println("Usage");
                err.println("=====");
                err.println("  " + tool + " " + verb + ArgumentCount.synopsis(action));
                err.println();
                err.println(tool + ": error: no such option: " + e.getMessage().substring(18));
                return 2;
            }
            String count = ArgumentCount.missing(e, action);
            if (count != null) {
                err.println("Error: Command " + verb + " expects " + count + " argument(s)");
                return 1;
            }
            err.println("Usage: " + tool + " " + verb + " [options...]");
            err.println(tool + " " + verb + ": error: " + e.getMessage());
            return 2;
        }
    }

    private List<Command> verbs(Session session) {
        return session.getRegistry().getCommands().stream().filter(c -> scope.equals(c.getScope()))
                .sorted(Comparator.comparing(Command::getName)).toList();
    }

    private Optional<Command> verb(Session session, String name) {
        return verbs(session).stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    private void usage(Session session, PrintStream out) {
        Map<String, String> descriptions = new LinkedHashMap<>();
        verbs(session).forEach(c -> descriptions.put(c.getName(), c.getDescription()));
        usage(out, descriptions);
    }

    private int complete(Session session, CommandLine line, List<String> candidates) {
        int index = line.getCursorArgumentIndex();
        if (index <= 1) {
            List<String> names = verbs(session).stream().map(Command::getName).toList();
            return new StringsCompleter(names).complete(session, new ShiftedCommandLine(line), candidates);
        }
        String[] args = line.getArguments();
        Optional<Command> command = args.length > 1 ? verb(session, args[1]) : Optional.empty();
        if (command.isEmpty() || command.get().getCompleter(false) == null) {
            return -1;
        }
        return command.get().getCompleter(false).complete(session, new ShiftedCommandLine(line), candidates);
    }
}
