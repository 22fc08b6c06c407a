package org.garnet.htools.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GNU getopt-style parsing as Ganeti's tools do it: bundled short flags, attached or separate arguments, unique
 * prefixes of long options, permuted non-option arguments, "--" ending the options.
 */
public final class OptionParser {
    /** Parsed values: long option name to the list of its occurrences' arguments (null for none). */
    public final Map<String, List<String>> values = new LinkedHashMap<>();
    public final List<String> args = new ArrayList<>();

    private OptionParser() {
    }

    public static OptionParser parse(OptionSpec spec, String[] argv) throws UsageException {
        OptionParser p = new OptionParser();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("--")) {
                for (int j = i + 1; j < argv.length; j++) {
                    p.args.add(argv[j]);
                }
                break;
            }
            if (a.startsWith("--")) {
                String body = a.substring(2);
                int eq = body.indexOf('=');
                String name = eq >= 0 ? body.substring(0, eq) : body;
                String val = eq >= 0 ? body.substring(eq + 1) : null;
                List<OptionSpec.Opt> cands = new ArrayList<>();
                for (OptionSpec.Opt o : spec.opts) {
                    if (o.longName().equals(name)) {
                        cands.clear();
                        cands.add(o);
                        break;
                    }
                    if (o.longName().startsWith(name)) {
                        cands.add(o);
                    }
                }
                if (cands.isEmpty()) {
                    errors.add("unrecognized option `" + a + "'\n");
                    continue;
                }
                if (cands.size() > 1) {
                    StringBuilder b = new StringBuilder("option `--" + name + "' is ambiguous; could be one of:\n");
                    List<String[]> rows = new ArrayList<>();
                    for (OptionSpec.Opt o : cands) {
                        rows.add(describe(o));
                    }
                    b.append(usageTable(rows));
                    errors.add(b.toString());
                    continue;
                }
                OptionSpec.Opt o = cands.get(0);
                switch (o.arg()) {
                    case NONE -> {
                        if (val != null) {
                            errors.add("option `--" + o.longName() + "' doesn't allow an argument\n");
                        } else {
                            p.add(o, null);
                        }
                    }
                    case OPTIONAL -> p.add(o, val);
                    case REQUIRED -> {
                        if (val != null) {
                            p.add(o, val);
                        } else if (i + 1 < argv.length) {
                            p.add(o, argv[++i]);
                        } else {
                            errors.add("option `--" + o.longName() + "' requires an argument " + o.argName() + "\n");
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                for (int k = 1; k < a.length(); k++) {
                    char c = a.charAt(k);
                    OptionSpec.Opt o = null;
                    for (OptionSpec.Opt x : spec.opts) {
                        if (x.shortName() == c) {
                            o = x;
                        }
                    }
                    if (o == null) {
                        errors.add("unrecognized option `-" + c + "'\n");
                        continue;
                    }
                    String rest = a.substring(k + 1);
                    if (o.arg() == OptionSpec.Arg.NONE) {
                        p.add(o, null);
                        continue;
                    }
                    if (!rest.isEmpty()) {
                        p.add(o, rest);
                    } else if (o.arg() == OptionSpec.Arg.OPTIONAL) {
                        p.add(o, null);
                    } else if (i + 1 < argv.length) {
                        p.add(o, argv[++i]);
                    } else {
                        errors.add("option `-" + c + "' requires an argument " + o.argName() + "\n");
                    }
                    break;
                }
            } else {
                p.args.add(a);
            }
        }
        if (!errors.isEmpty()) {
            throw new UsageException("Command line error: " + String.join("", errors) + "\n" + spec.help, 2, false);
        }
        return p;
    }

    private static String[] describe(OptionSpec.Opt o) {
        String s = "";
        String l = "--" + o.longName();
        if (o.shortName() != 0) {
            s = "-" + o.shortName();
        }
        switch (o.arg()) {
            case REQUIRED -> {
                s = s.isEmpty() ? s : s + " " + o.argName();
                l += "=" + o.argName();
            }
            case OPTIONAL -> {
                s = s.isEmpty() ? s : s + "[" + o.argName() + "]";
                l += "[=" + o.argName() + "]";
            }
            default -> {
            }
        }
        String line = o.helpLine();
        int idx = line.indexOf(l);
        String desc = idx >= 0 ? line.substring(idx + l.length()).trim() : "";
        return new String[] {s, l, desc};
    }

    private static String usageTable(List<String[]> rows) {
        int w0 = 0;
        int w1 = 0;
        for (String[] r : rows) {
            w0 = Math.max(w0, r[0].length());
            w1 = Math.max(w1, r[1].length());
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            b.append("  ").append(r[0]).append(" ".repeat(w0 - r[0].length())).append("  ").append(r[1])
                    .append(" ".repeat(w1 - r[1].length())).append("  ").append(r[2]).append('\n');
        }
        return b.toString();
    }

    private void add(OptionSpec.Opt o, String v) {
        values.computeIfAbsent(o.longName(), k -> new ArrayList<>()).add(v);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String last(String name) {
        List<String> l = values.get(name);
        return l == null ? null : l.get(l.size() - 1);
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }
}
