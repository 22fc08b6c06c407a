package org.garnet.htools.loader;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.garnet.htools.model.HtoolsException;

/** Haskell-compatible parsing helpers ({@code tryRead}, {@code show} of string lists, unit parsing). */
public final class Hs {
    /** Reads a whole file; failures worded as Haskell's readFile reports them ("PATH: openFile: ..."). */
    public static String readFile(String path) throws HtoolsException {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(path), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new HtoolsException(path + ": openFile: does not exist (No such file or directory)");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new HtoolsException(path + ": openFile: permission denied (Permission denied)");
        } catch (java.io.IOException e) {
            if (java.nio.file.Files.isDirectory(java.nio.file.Path.of(path))) {
                throw new HtoolsException(path + ": openFile: inappropriate type (is a directory)");
            }
            throw new HtoolsException(path + ": openFile: " + e.getMessage());
        }
    }

    private static final Pattern INT = Pattern.compile("\\s*(-?\\d+)(.*)", Pattern.DOTALL);
    private static final Pattern DOUBLE = Pattern.compile("\\s*(-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?)(.*)",
            Pattern.DOTALL);

    private Hs() {
    }

    private static HtoolsException cannot(String name, String s) {
        return new HtoolsException(name + ": cannot parse string '" + s + "'");
    }

    private static void checkRest(String name, String s, String rest) throws HtoolsException {
        if (!rest.isBlank()) {
            throw new HtoolsException(name + ": leftover characters when parsing '" + s + "': '" + rest + "'");
        }
    }

    public static int readInt(String name, String s) throws HtoolsException {
        Matcher m = INT.matcher(s);
        if (!m.matches()) {
            throw cannot(name, s);
        }
        checkRest(name, s, m.group(2));
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return (int) Long.parseLong(m.group(1));
        }
    }

    public static double readDouble(String name, String s) throws HtoolsException {
        Matcher m = DOUBLE.matcher(s);
        if (!m.matches()) {
            throw cannot(name, s);
        }
        checkRest(name, s, m.group(4));
        return Double.parseDouble(m.group(1));
    }

    public static String showString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    public static String showList(List<String> l) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(showString(l.get(i)));
        }
        return b.append(']').toString();
    }

    /** Ganeti's parseUnit: "NUMBER[ ]*[UNIT]" to MiB; m/g/t binary, M/G/T (MB/GB/TB) decimal. */
    public static int parseUnit(String s) throws HtoolsException {
        Matcher m = Pattern.compile("\\s*(-?\\d+)(.*)", Pattern.DOTALL).matcher(s);
        if (!m.matches()) {
            throw new HtoolsException("Can't parse string '" + s + "'");
        }
        long v = Long.parseLong(m.group(1));
        String unit = m.group(2).replaceFirst("^ +", "");
        String up = unit.toUpperCase();
        double scale;
        if (unit.isEmpty() || unit.equals("m") || up.equals("MIB")) {
            scale = 1;
        } else if (unit.equals("g") || up.equals("GIB")) {
            scale = 1024;
        } else if (unit.equals("t") || up.equals("TIB")) {
            scale = 1024 * 1024;
        } else if (unit.equals("M") || up.equals("MB")) {
            return (int) (v * 1000L * 1000L / (1024L * 1024L));
        } else if (unit.equals("G") || up.equals("GB")) {
            return (int) (v * 1000L * 1000L * 1000L / (1024L * 1024L));
        } else if (unit.equals("T") || up.equals("TB")) {
            return (int) (v * 1000L * 1000L * 1000L * 1000L / (1024L * 1024L));
        } else {
            throw new HtoolsException("Unknown unit '" + unit + "'");
        }
        return (int) (v * (long) scale);
    }
}
