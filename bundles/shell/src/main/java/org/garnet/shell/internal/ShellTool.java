package org.garnet.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Parser;
import org.apache.karaf.shell.api.console.Session;
import org.garnet.shell.internal.format.Streams;

/**
 * A Ganeti tool as a top-level shell command ({@code gnt-cluster}, {@code hbal}, ...): global scope, its own
 * argument handling, errors on the session's error channel, and the exit status passed on as the command's
 * result when there is no terminal (Karaf's SSH server makes it the exit status).
 */
abstract class ShellTool implements Command {
    protected final String tool;

    ShellTool(String tool) {
        this.tool = tool;
    }

    /** Runs the tool; returns its exit status. */
    protected abstract int run(Session session, List<Object> arguments) throws Exception;

    @Override
    public String getScope() {
        return Session.SCOPE_GLOBAL;
    }

    @Override
    public String getName() {
        return tool;
    }

    @Override
    public Completer getCompleter(boolean scoped) {
        return null;
    }

    @Override
    public Parser getParser() {
        return null;
    }

    /** Ganeti's usage of a tool: the synopsis, then each verb with its one-line description. */
    protected void usage(java.io.PrintStream out, java.util.Map<String, String> verbs) {
        out.println("Usage: " + tool + " {command} [options...] [argument...]");
        out.println(tool + " <command> --help to see details, or man " + tool);
        out.println();
        out.println("Commands:");
        int width = verbs.keySet().stream().mapToInt(String::length).max().orElse(0);
        verbs.forEach((name, description) -> out.println(" " + name + " ".repeat(width - name.length()) + " - "
                + description));
    }

    @Override
    public final Object execute(Session session, List<Object> arguments) throws Exception {
        Object marker = session.get(Streams.MARKER_VARIABLE);
        return Streams.withMarker(marker == null ? null : String.valueOf(marker), () -> {
            int code = run(session, arguments);
            Streams.err().flush();
            System.out.flush();
            return code != 0 && session.getTerminal() == null ? Integer.valueOf(code) : null;
        });
    }
}
