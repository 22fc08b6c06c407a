package org.garnet.disk.ext.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.garnet.api.ErrorClass;
import org.garnet.api.GanetiException;
import org.garnet.api.ParamDoc;
import org.garnet.api.storage.ExtStorageProvider;
import org.garnet.api.storage.ExtVolume;

/**
 * An ExtStorage provider in Ganeti's layout: a directory with the executables {@code create}, {@code attach},
 * {@code detach}, {@code remove}, {@code grow}, {@code setinfo}, {@code verify}, the optional {@code snapshot},
 * {@code open} and {@code close}, and {@code parameters.list}. A script runs in the provider's directory with
 * Ganeti's variables ({@code VOL_*}, {@code EXTP_*}) and a clean environment otherwise; every action but
 * {@code attach} writes its output to a log of its own ({@code <action>-<provider>-<volume>-<time>.log});
 * a failure, or a script still running at the timeout (killed), is an error with the last 20 lines of output.
 */
final class ScriptProvider implements ExtStorageProvider {
    static final List<String> SCRIPTS = List.of("create", "remove", "grow", "attach", "detach", "setinfo",
            "verify");
    static final List<String> OPTIONAL = List.of("snapshot", "open", "close");
    static final String PARAMETERS = "parameters.list";
    private static final int TAIL = 20;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH_mm_ss_SSS");

    private final String name;
    private final Path dir;
    private final Path logDir;
    private final Duration timeout;

    ScriptProvider(String name, Path dir, Path logDir, Duration timeout) {
        this.name = name;
        this.dir = dir;
        this.logDir = logDir;
        this.timeout = timeout;
    }

    String name() {
        return name;
    }

    Path dir() {
        return dir;
    }

    /**
     * Why the directory is not a usable provider (Ganeti's checks and words: a missing, irregular or
     * non-executable file), or null when it is.
     */
    static String problem(Path dir) {
        for (String f : SCRIPTS) {
            String p = fileProblem(dir, f, true);
            if (p != null) {
                return p;
            }
        }
        for (String f : OPTIONAL) {
            String p = fileProblem(dir, f, false);
            if (p != null) {
                return p;
            }
        }
        return fileProblem(dir, PARAMETERS, true);
    }

    private static String fileProblem(Path dir, String file, boolean required) {
        Path p = dir.resolve(file);
        if (!Files.exists(p)) {
            return required ? "File '" + file + "' under path '" + dir + "' is missing" : null;
        }
        if (!Files.isRegularFile(p)) {
            return "File '" + file + "' under path '" + dir + "' is not a regular file";
        }
        if (!PARAMETERS.equals(file) && !Files.isExecutable(p)) {
            return "File '" + file + "' under path '" + dir + "' is not executable";
        }
        return null;
    }

    @Override
    public List<ParamDoc> parameters() {
        List<ParamDoc> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dir.resolve(PARAMETERS), StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.isEmpty()) {
                    continue;
                }
                String[] parts = l.split("\\s+", 2);
                out.add(new ParamDoc(parts[0], parts.length > 1 ? parts[1] : ""));
            }
        } catch (IOException e) {
            throw error("Error while reading the EXT parameters file at " + dir.resolve(PARAMETERS) + ": "
                    + e.getMessage());
        }
        return out;
    }

    @Override
    public void create(ExtVolume volume) {
        run("create", volume, Map.of("VOL_SIZE", Long.toString(volume.sizeMiB())));
    }

    @Override
    public List<String> attach(ExtVolume volume) {
        String out = run("attach", volume, Map.of());
        List<String> lines = new ArrayList<>(List.of(out.split("\n", -1)));
        while (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    @Override
    public void detach(ExtVolume volume) {
        run("detach", volume, Map.of());
    }

    @Override
    public void remove(ExtVolume volume) {
        run("remove", volume, Map.of());
    }

    @Override
    public void grow(ExtVolume volume, long newSizeMiB) {
        run("grow", volume, Map.of("VOL_SIZE", Long.toString(volume.sizeMiB()), "VOL_NEW_SIZE",
                Long.toString(newSizeMiB)));
    }

    @Override
    public void setInfo(ExtVolume volume, String metadata) {
        run("setinfo", volume, Map.of("VOL_METADATA", metadata));
    }

    @Override
    public void verify(ExtVolume volume) {
        run("verify", volume, Map.of());
    }

    @Override
    public void open(ExtVolume volume, boolean exclusive) {
        run("open", volume, Map.of("VOL_OPEN_EXCLUSIVE", exclusive ? "True" : "False"));
    }

    @Override
    public void close(ExtVolume volume) {
        run("close", volume, Map.of());
    }

    /**
     * Ganeti's {@code snapshot} script with {@code VOL_SNAPSHOT_NAME} and {@code VOL_SNAPSHOT_SIZE}. Without the
     * script Ganeti goes on as if a snapshot had been made (and its export fails reading it); here it is an error
     * saying so, before anything is copied.
     */
    @Override
    public void snapshot(ExtVolume volume, String snapshotName, long snapshotSizeMiB) {
        if (!Files.exists(dir.resolve("snapshot"))) {
            throw error("ExtStorage provider '" + name + "' has no snapshot script");
        }
        run("snapshot", volume, Map.of("VOL_SNAPSHOT_NAME", snapshotName, "VOL_SNAPSHOT_SIZE",
                Long.toString(snapshotSizeMiB)));
    }

    /**
     * Runs {@code action}'s script for {@code volume}; returns its standard output (attach) or "" (the others,
     * whose output goes to their log). An optional script that is missing is skipped, as Ganeti does.
     */
    String run(String action, ExtVolume volume, Map<String, String> extra) {
        Path script = dir.resolve(action);
        if (OPTIONAL.contains(action) && !Files.exists(script)) {
            return "";
        }
        String problem = problem(dir);
        if (problem != null) {
            throw error(problem);
        }
        ProcessBuilder pb = new ProcessBuilder(script.toString()).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.putAll(environment(volume, extra));
        Path log = null;
        try {
            if ("attach".equals(action)) {
                pb.redirectErrorStream(false);
                pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            } else {
                Files.createDirectories(logDir);
                log = logDir.resolve(action + "-" + name + "-" + volume.name() + "-" + LocalDateTime.now()
                        .format(STAMP) + ".log");
                pb.redirectErrorStream(true);
                pb.redirectOutput(log.toFile());
            }
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            byte[] stdout = new byte[0];
            if (log == null) {
                // attach: its output is read while it runs (a full pipe would block it)
                java.util.concurrent.CompletableFuture<byte[]> read = java.util.concurrent.CompletableFuture
                        .supplyAsync(() -> {
                            try {
                                return p.getInputStream().readAllBytes();
                            } catch (IOException e) {
                                return new byte[0];
                            }
                        });
                boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!done) {
                    kill(p);
                }
                stdout = read.get(10, TimeUnit.SECONDS);
                check(action, volume, p, done, tail(new String(stdout, StandardCharsets.UTF_8)));
            } else {
                boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!done) {
                    kill(p);
                }
                check(action, volume, p, done, done && p.exitValue() == 0 ? "" : tail(Files.readString(log,
                        StandardCharsets.UTF_8)));
            }
            return new String(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw error("External storage's " + action + " script could not run (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw error("External storage's " + action + " script was interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw error("External storage's " + action + " script's output could not be read");
        }
    }

    /** Ganeti's environment for a script: {@code VOL_NAME}, {@code EXTP_*}, {@code VOL_CNAME}, {@code VOL_UUID}. */
    static Map<String, String> environment(ExtVolume volume, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VOL_NAME", volume.name());
        volume.params().forEach((k, v) -> env.put("EXTP_" + k.toUpperCase(Locale.ROOT), v));
        env.putAll(extra);
        if (volume.cname() != null) {
            env.put("VOL_CNAME", volume.cname());
        }
        if (volume.uuid() != null) {
            env.put("VOL_UUID", volume.uuid());
        }
        return env;
    }

    private void check(String action, ExtVolume volume, Process p, boolean done, String lastLines) {
        if (done && p.exitValue() == 0) {
            return;
        }
        String reason = !done ? "still running after " + timeout.toSeconds() + " s, killed"
                : p.exitValue() > 128 ? "terminated by signal " + (p.exitValue() - 128)
                : "exited with exit code " + p.exitValue();
        throw error("External storage's " + action + " script failed (" + reason + "), last lines of output:\n"
                + lastLines);
    }

    /**
     * Kills the script and everything it started: the script first (its descendants listed before), so a shell
     * does not live on to report its killed children into the output the error quotes.
     */
    private static void kill(Process p) throws InterruptedException {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static String tail(String output) {
        List<String> lines = List.of(output.split("\n"));
        int from = Math.max(0, lines.size() - TAIL);
        return String.join("\n", lines.subList(from, lines.size())).stripTrailing();
    }

    static GanetiException error(String message) {
        return new GanetiException(ErrorClass.BlockDeviceError, message, null);
    }
}
