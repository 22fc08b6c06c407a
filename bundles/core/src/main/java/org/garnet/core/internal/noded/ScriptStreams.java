package org.garnet.core.internal.noded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * OS {@code import} and {@code export} scripts as ends of a disk transfer (Ganeti's {@code IEIO_SCRIPT}): the import
 * script reads the disk's data on its standard input, the export script writes it on its standard output; what
 * else they print goes to their log file, whose last lines a failure quotes. Run in the OS's directory with the
 * environment given and nothing else, killed after {@code timeout}.
 */
final class ScriptStreams {
    private static final int TAIL = 20;

    private ScriptStreams() {
    }

    /** The import script as the place the data goes. */
    static DiskStreams.Sink sink(Path exe, Map<String, String> env, Path log, Duration timeout) {
        return new DiskStreams.Sink() {
            @Override
            public long write(InputStream in) throws IOException {
                ProcessBuilder pb = builder(exe, env, log).redirectErrorStream(true)
                        .redirectOutput(Redirect.appendTo(log.toFile()));
                Process p = pb.start();
                long n = 0;
                try (OutputStream stdin = p.getOutputStream()) {
                    byte[] buf = new byte[1 << 16];
                    int r;
                    while ((r = in.read(buf)) > 0) {
                        stdin.write(buf, 0, r);
                        n += r;
                    }
                } catch (IOException e) {
                    // the script stopped reading: its exit status and log say why (or it is stuck, and killed)
                    finish(p, exe, log, timeout);
                    throw e;
                }
                finish(p, exe, log, timeout);
                return n;
            }

            @Override
            public String toString() {
                return "the OS import script " + exe;
            }
        };
    }

    /** The export script as the place the data comes from. */
    static DiskStreams.Source source(Path exe, Map<String, String> env, Path log, Duration timeout) {
        return out -> {
            Process p = builder(exe, env, log).redirectError(Redirect.appendTo(log.toFile()))
                    .redirectInput(Redirect.from(new java.io.File("/dev/null"))).start();
            long n = 0;
            try (InputStream stdout = p.getInputStream()) {
                byte[] buf = new byte[1 << 16];
                int r;
                while ((r = stdout.read(buf)) > 0) {
                    out.write(buf, 0, r);
                    n += r;
                }
            } catch (IOException e) {
                p.destroyForcibly();
                throw e;
            }
            finish(p, exe, log, timeout);
            return n;
        };
    }

    private static ProcessBuilder builder(Path exe, Map<String, String> env, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(exe.toString()).directory(exe.getParent().toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb;
    }

    private static void finish(Process p, Path exe, Path log, Duration timeout) throws IOException {
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("OS " + exe.getFileName() + " script timed out after " + timeout.toSeconds()
                        + " seconds, log file: " + log);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the OS " + exe.getFileName() + " script ran");
        }
        if (p.exitValue() != 0) {
            throw new IOException("OS " + exe.getFileName() + " script failed (exited with exit code "
                    + p.exitValue() + "), last lines in the log file:\n" + String.join("\n", tail(log)));
        }
    }

    private static List<String> tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - TAIL), lines.size());
        } catch (IOException e) {
            return List.of("(log unreadable: " + e.getMessage() + ")");
        }
    }
}
