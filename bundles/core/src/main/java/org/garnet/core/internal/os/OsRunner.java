package org.garnet.core.internal.os;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.garnet.api.GanetiException;
import org.garnet.api.os.OsDefinition;

/**
 * Runs an OS script as Ganeti's node daemon does: in the OS directory, with a clean environment
 * ({@link OsEnvironment}), a timeout, its output appended to a log file under the OS log directory
 * ({@code <log dir>/<action>-<os>-<instance>-<timestamp>.log}) and fed line by line to the job log. A non-zero
 * exit fails with Ganeti's wording and the log's last lines.
 */
public final class OsRunner {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH_mm_ss", Locale.ROOT);
    private static final int TAIL = 20;

    private final Path logDir;

    public OsRunner(Path logDir) {
        this.logDir = logDir;
    }

    /** Runs {@code script} of {@code os}; {@code action} names the log ({@code add}, {@code rename}, ...). */
    public void run(OsDefinition os, OsDefinition.OsScript script, String action, String osName, String instance,
                    Map<String, String> env, Duration timeout, Consumer<String> feedback) {
        Path exe = os.script(script).orElseThrow(() -> GanetiException.exec("OS " + osName + " has no "
                + script.fileName() + " script"));
        Path log = logDir.resolve(action + "-" + osName + "-" + instance + "-" + LocalDateTime.now().format(STAMP)
                + ".log");
        Deque<String> tail = new ArrayDeque<>();
        int exit;
        try {
            Files.createDirectories(logDir);
            ProcessBuilder pb = new ProcessBuilder(exe.toString()).directory(exe.getParent().toFile())
                    .redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            Thread reader = new Thread(() -> copy(p, log, tail, feedback), "garnet-os-script-output");
            reader.setDaemon(true);
            reader.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                reader.join(5_000);
                throw GanetiException.exec("OS " + script.fileName() + " script timed out after "
                        + timeout.toSeconds() + " seconds, log file: " + log);
            }
            reader.join(10_000);
            exit = p.exitValue();
        } catch (IOException e) {
            throw GanetiException.exec("Can't run OS " + script.fileName() + " script " + exe + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GanetiException.exec("Interrupted while running the OS " + script.fileName() + " script");
        }
        if (exit != 0) {
            synchronized (tail) {
                throw GanetiException.exec("OS " + script.fileName() + " script failed (exited with exit code "
                        + exit + "), last lines in the log file:\n" + String.join("\n", tail));
            }
        }
    }

    private static void copy(Process p, Path log, Deque<String> tail, Consumer<String> feedback) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL) {
                        tail.removeFirst();
                    }
                }
                feedback.accept(line);
            }
        } catch (IOException e) {
            feedback.accept("(output of the OS script lost: " + e.getMessage() + ")");
        }
    }

    /**
     * Ganeti's {@code ValidateOS} with the {@code parameters} check: parameters the OS does not list are refused,
     * then its {@code verify} script runs with {@code parameters} and the OS core environment (API 20 only).
     */
    public static void verifyParameters(OsDefinition os, String osName, String variant, Map<String, Object> osparams,
                                        String nodeName) {
        if (os.apiVersions().stream().mapToInt(Integer::intValue).max().orElse(0) < 20) {
            return;
        }
        java.util.Set<String> known = new java.util.HashSet<>();
        os.parameters().forEach(p -> known.add(p.name()));
        List<String> unknown = osparams.keySet().stream().filter(k -> !known.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw GanetiException.exec("OS Parameters validation failed on node " + nodeName + ": The following "
                    + "parameters are not supported by the OS " + osName + ": " + String.join(", ", unknown));
        }
        java.util.Optional<java.nio.file.Path> verify = os.script(OsDefinition.OsScript.verify);
        if (verify.isEmpty()) {
            return;
        }
        Map<String, String> env = new java.util.TreeMap<>();
        env.put("PATH", "/usr/local/sbin:/usr/sbin:/sbin:/usr/local/bin:/usr/bin:/bin");
        env.put("OS_API_VERSION", "20");
        env.put("OS_NAME", osName);
        env.put("OS_VARIANT", variant == null ? "" : variant);
        env.put("DEBUG_LEVEL", "0");
        osparams.forEach((k, v) -> env.put("OSP_" + k.toUpperCase(Locale.ROOT).replace('-', '_'),
                v == null ? "" : String.valueOf(v)));
        try {
            ProcessBuilder pb = new ProcessBuilder(verify.get().toString(), "parameters")
                    .directory(verify.get().getParent().toFile()).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw GanetiException.exec("OS Parameters validation failed on node " + nodeName
                        + ": OS validation script timed out");
            }
            if (p.exitValue() != 0) {
                throw GanetiException.exec("OS Parameters validation failed on node " + nodeName + ": OS validation "
                        + "script failed (exited with exit code " + p.exitValue() + "), output: " + out);
            }
        } catch (IOException e) {
            throw GanetiException.exec("OS Parameters validation failed on node " + nodeName + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GanetiException.exec("Interrupted while validating OS parameters");
        }
    }

    /** A copy of {@code env} with {@code extra} added (per-script variables). */
    public static Map<String, String> with(Map<String, String> env, Map<String, String> extra) {
        Map<String, String> out = new LinkedHashMap<>(env);
        out.putAll(extra);
        return out;
    }

}
