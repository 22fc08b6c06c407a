package org.garnet.htools.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options one tool accepts, read from its Ganeti {@code --help} text (kept as a resource), plus the help and
 * completion texts themselves.
 */
public final class OptionSpec {
    /** Argument kinds. */
    public enum Arg { NONE, REQUIRED, OPTIONAL }

    /** One option: short letter (0 if none), long name, argument kind and name, and its help line. */
    public record Opt(char shortName, String longName, Arg arg, String argName, String helpLine) {
    }

    private static final Pattern LINE = Pattern.compile("^  (?:-(\\S))?[^-]*--([a-z0-9-]+)(\\[=([A-Z_.,]+)\\]|=([A-Z_.,]+))?.*");

    public final String tool;
    public String help;
    public String completion;
    public final List<Opt> opts = new ArrayList<>();

    private OptionSpec(String tool, String help, String completion) {
        this.tool = tool;
        this.help = help;
        this.completion = completion;
        for (String line : help.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            char s = m.group(1) == null ? 0 : m.group(1).charAt(0);
            Arg a = m.group(3) == null ? Arg.NONE : m.group(4) != null ? Arg.OPTIONAL : Arg.REQUIRED;
            String an = m.group(4) != null ? m.group(4) : m.group(5);
            boolean dup = false;
            for (Opt o : opts) {
                dup |= o.longName.equals(m.group(2));
            }
            if (!dup) {
                opts.add(new Opt(s, m.group(2), a, an, line));
            }
        }
    }

    /** Adds one of Garnet's own flags (no argument): accepted, listed in the help before -V, and in completion. */
    public OptionSpec withFlag(String longName, String description) {
        int at = help.indexOf("\n  -V ");
        // the description column of the tool's help, as on its --version line
        Matcher col = Pattern.compile("\n  -V +--version +").matcher(help);
        int width = col.find() ? col.end() - col.start() - 1 : 45;
        String head = "              --" + longName + " ";
        String line = head + " ".repeat(Math.max(0, width - head.length())) + description;
        opts.add(new Opt((char) 0, longName, Arg.NONE, null, line));
        help = at < 0 ? help + line + "\n" : help.substring(0, at + 1) + line + help.substring(at);
        completion = completion + "--" + longName + " none\n";
        return this;
    }

    public static OptionSpec forTool(String tool) {
        return new OptionSpec(tool, resource(tool + ".help"), resource(tool + ".completion"));
    }

    private static String resource(String name) {
        try (InputStream in = OptionSpec.class.getResourceAsStream(name)) {
            if (in == null) {
                return "";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The first two lines of the help: version and usage. */
    public String usageHeader() {
        String[] l = help.split("\n", 3);
        return l[0] + "\n" + l[1] + "\n";
    }

    public String versionText() {
        return tool + " (garnet) version 0.1.0\nGaneti 3.0 htools interface, Java "
                + System.getProperty("java.specification.version") + "\nrunning on "
                + System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT) + " " + System.getProperty("os.arch")
                + "\n";
    }
}
