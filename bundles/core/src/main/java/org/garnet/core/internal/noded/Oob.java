package org.garnet.core.internal.noded;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.garnet.api.GanetiException;
import org.garnet.core.internal.Json;

/** Ganeti's RunOob: {@code PROGRAM COMMAND NODE} with a timeout; its standard output is JSON or nothing. */
final class Oob {
    private static final ObjectMapper JSON = Json.mapper();

    private Oob() {
    }

    static Object run(String program, String command, String node, long timeoutSeconds) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(program, command, node).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw GanetiException.exec("'" + program + "' failed with reason '" + e.getMessage() + "'; output: ");
        }
        p.getOutputStream().close();
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        boolean done;
        try {
            done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw GanetiException.exec("'" + program + "' was interrupted");
        }
        if (!done) {
            p.destroyForcibly();
            throw GanetiException.exec("'" + program + "' failed with reason 'timeout after " + timeoutSeconds
                    + " seconds'; output: ");
        }
        String out = new String(output.join(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw GanetiException.exec("'" + program + "' failed with reason 'exited with exit code "
                    + p.exitValue() + "'; output: " + out.strip());
        }
        if (out.isBlank()) {
            return null;
        }
        try {
            return JSON.readValue(out, Object.class);
        } catch (IOException e) {
            throw GanetiException.exec("'" + program + "' did not answer JSON: " + out.strip());
        }
    }
}
