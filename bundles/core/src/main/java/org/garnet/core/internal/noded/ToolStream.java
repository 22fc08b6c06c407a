package org.garnet.core.internal.noded;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A stream through an external program (a compression tool): what is written to it goes to the program's
 * standard input and the program's output to the wrapped stream, or the other way round. A program that fails
 * (cannot start, exits non-zero) fails the stream with its exit status and the end of what it wrote to stderr.
 */
final class ToolStream {
    private static final long EXIT_SECONDS = 60;

    private ToolStream() {
    }

    /** Writing to the result feeds {@code command}; its output goes to {@code out}; close waits for it. */
    static OutputStream writingThrough(List<String> command, OutputStream out) throws IOException {
        Process p = start(command);
        Thread pump = pump(p.getInputStream(), out, command);
        return new FilterOutputStream(p.getOutputStream()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                super.close();
                join(pump);
                finish(p, command);
            }
        };
    }

    /** Reading the result reads {@code command}'s output; {@code in} is fed to it; close waits for it. */
    static InputStream readingThrough(List<String> command, InputStream in) throws IOException {
        Process p = start(command);
        Thread pump = pump(in, p.getOutputStream(), command);
        return new FilterInputStream(p.getInputStream()) {
            @Override
            public void close() throws IOException {
                super.close();
                join(pump);
                finish(p, command);
            }
        };
    }

    private static Process start(List<String> command) throws IOException {
        try {
            return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new IOException("Cannot run the compression tool '" + String.join(" ", command) + "': "
                    + e.getMessage(), e);
        }
    }

    /** Copies {@code from} to {@code to} on its own thread, closing {@code to} at the end. */
    private static Thread pump(InputStream from, OutputStream to, List<String> command) {
        Thread t = new Thread(() -> {
            try (OutputStream o = to) {
                from.transferTo(o);
            } catch (IOException e) {
                // the program's exit status tells what went wrong
            }
        }, "garnet-tool-" + command.get(0));
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread t) throws IOException {
        try {
            t.join(TimeUnit.SECONDS.toMillis(EXIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private static void finish(Process p, List<String> command) throws IOException {
        try {
            if (!p.waitFor(EXIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("'" + String.join(" ", command) + "' did not exit");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (p.exitValue() != 0) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            p.getErrorStream().transferTo(err);
            String text = err.toString(StandardCharsets.UTF_8).strip();
            throw new IOException("'" + String.join(" ", command) + "' failed with exit status " + p.exitValue()
                    + (text.isEmpty() ? "" : ": " + text.substring(Math.max(0, text.length() - 400))));
        }
    }
}
