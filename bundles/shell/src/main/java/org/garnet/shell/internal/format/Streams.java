package org.garnet.shell.internal.format;

import java.io.PrintStream;
import org.apache.felix.service.command.Process;

/**
 * The current command's error stream. Over an SSH exec channel Karaf 4.4.10 loses what a command writes to its
 * error stream, so a client that sets the session variable {@value #MARKER_VARIABLE} (as {@code ./garnet} does
 * with {@code SetEnv}) receives error lines on standard output behind that marker and splits them off again.
 */
public final class Streams {
    /** Session variable naming the marker that prefixes error lines on standard output. */
    public static final String MARKER_VARIABLE = "GARNET_ERR_MARKER";

    private static final ThreadLocal<String> MARKER = new ThreadLocal<>();

    private Streams() {
    }

    /** Runs {@code body} with error lines prefixed by {@code marker} on standard output (null = real stderr). */
    public static <T> T withMarker(String marker, java.util.concurrent.Callable<T> body) throws Exception {
        MARKER.set(marker);
        try {
            return body.call();
        } finally {
            MARKER.remove();
        }
    }

    public static PrintStream err() {
        String marker = MARKER.get();
        if (marker != null && !marker.isEmpty()) {
            return new PrintStream(new PrefixedLines(System.out, marker), true);
        }
        Process p = Process.Utils.current();
        return p != null ? p.err() : System.err;
    }
}
