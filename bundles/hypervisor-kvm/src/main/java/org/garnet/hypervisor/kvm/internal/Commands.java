package org.garnet.hypervisor.kvm.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a node command with a bound: its exit status and output (stdout and stderr together). */
final class Commands {
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }

        /** The output's last lines, for an error message. */
        String tail() {
            String t = output.strip();
            return t.length() > 600 ? "..." + t.substring(t.length() - 600) : t;
        }
    }

    private Commands() {
    }

    static Result run(List<String> argv, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null"))).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread pump = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // the process went away
            }
        }, "garnet-kvm-cmd");
        pump.setDaemon(true);
        pump.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("'" + String.join(" ", argv) + "' did not end within " + timeout.toSeconds()
                        + " s");
            }
            pump.join(2000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }
}
