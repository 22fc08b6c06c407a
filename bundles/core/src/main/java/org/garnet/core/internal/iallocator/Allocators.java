package org.garnet.core.internal.iallocator;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.iallocator.IAllocator;
import org.garnet.core.internal.Json;

/**
 * Runs IAllocator requests (Ganeti's protocol, version 2) against an allocator named as Ganeti names them:
 * a bound {@link IAllocator} service with that {@code iallocator.name}, else an executable of that name in the
 * IAllocator search path (Ganeti's, plus Debian's versioned directory, so Debian's own {@code hail} works), else
 * an absolute path to an executable. External programs get the request in a file and answer on stdout; the
 * cluster's {@code default_iallocator_params} become {@code --key=value} arguments ({@code --key} when true).
 */
public final class Allocators {
    /** Ganeti's {@code IALLOCATOR_SEARCH_PATH} and where Debian's ganeti-htools-3.0 puts hail. */
    public static final List<Path> SEARCH_PATH = List.of(Path.of("/usr/local/lib/ganeti/iallocators"),
            Path.of("/usr/lib/ganeti/iallocators"), Path.of("/usr/lib/ganeti/3.0/usr/lib/ganeti/iallocators"));
    private static final long TIMEOUT_SECONDS = 120;

    private final Map<String, IAllocator> services = new ConcurrentHashMap<>();
    private final List<Path> searchPath;

    public Allocators(List<Path> searchPath) {
        this.searchPath = List.copyOf(searchPath);
    }

    /** Allocators whose bundle was here and went (stopped, removed from deploy/, being replaced). */
    private final java.util.Set<String> gone = ConcurrentHashMap.newKeySet();

    public void added(String name, IAllocator a) {
        services.put(name, a);
        gone.remove(name);
    }

    public void removed(String name, IAllocator a) {
        if (services.remove(name, a)) {
            gone.add(name);
        }
    }

    /**
     * Whether the allocator {@code name} came from a bundle that went away and no program of that name in the
     * search path can stand in (Debian's {@code hail} does for {@code hail}): a job that needs it waits for the
     * bundle. An allocator never seen is unknown (Ganeti's "Can't find the IAllocator").
     */
    public boolean missing(String name) {
        return name != null && gone.contains(name) && !exists(name);
    }

    /** Whether an allocator of this name can be run. */
    public boolean exists(String name) {
        return services.containsKey(name) || program(name).isPresent();
    }

    private Optional<Path> program(String name) {
        if (name.startsWith("/")) {
            Path p = Path.of(name);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        if (name.contains("/")) {
            return Optional.empty();
        }
        return searchPath.stream().map(d -> d.resolve(name)).filter(p -> Files.isRegularFile(p)
                && Files.isExecutable(p)).findFirst();
    }

    /**
     * Sends {@code request} to allocator {@code name}; returns the response ({@code success}, {@code info},
     * {@code result}). An allocator that cannot be run or answers garbage is an {@code OpPrereqError}.
     */
    public Map<String, Object> run(String name, Map<String, Object> request, Map<String, Object> params) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(request);
        } catch (IOException e) {
            throw new IllegalStateException("IAllocator request not serializable: " + e.getMessage(), e);
        }
        String answer;
        IAllocator service = services.get(name);
        if (service != null) {
            answer = service.run(json, arguments(params));
        } else {
            Path exe = program(name).orElseThrow(() -> GanetiException.prereq("Can't find the IAllocator '" + name
                    + "'", ErrorCode.ECODE_NORES));
            answer = external(exe, json, params);
        }
        try {
            Map<String, Object> resp = Json.mapper().readValue(answer, new TypeReference<Map<String, Object>>() { });
            if (!resp.containsKey("success") || !resp.containsKey("info")) {
                throw GanetiException.prereq("IAllocator " + name + " answered without success/info: " + answer,
                        ErrorCode.ECODE_NORES);
            }
            if (!resp.containsKey("result") && resp.containsKey("nodes")) {
                resp.put("result", resp.get("nodes"));
            }
            return resp;
        } catch (IOException e) {
            throw GanetiException.prereq("IAllocator " + name + " answered invalid JSON: " + e.getMessage(),
                    ErrorCode.ECODE_NORES);
        }
    }

    /** The allocator parameters as Ganeti passes them to a program: {@code --key} or {@code --key=value}. */
    private static List<String> arguments(Map<String, Object> params) {
        List<String> args = new java.util.ArrayList<>();
        params.forEach((k, v) -> {
            if (Boolean.TRUE.equals(v)) {
                args.add("--" + k);
            } else if (v != null && !Boolean.FALSE.equals(v)) {
                args.add("--" + k + "=" + v);
            }
        });
        return args;
    }

    private static String external(Path exe, String json, Map<String, Object> params) {
        Path input = null;
        try {
            input = Files.createTempFile("garnet-ialloc-", ".json");
            Files.writeString(input, json, StandardCharsets.UTF_8);
            List<String> cmd = new java.util.ArrayList<>(List.of(exe.toString(), input.toString()));
            cmd.addAll(arguments(params));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw GanetiException.prereq("IAllocator " + exe + " timed out", ErrorCode.ECODE_NORES);
            }
            if (p.exitValue() != 0) {
                throw GanetiException.prereq("IAllocator " + exe + " failed (exit " + p.exitValue() + "): "
                        + new String(err, StandardCharsets.UTF_8).strip(), ErrorCode.ECODE_NORES);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw GanetiException.prereq("Can't run IAllocator " + exe + ": " + e.getMessage(), ErrorCode.ECODE_NORES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GanetiException.exec("Interrupted while running the IAllocator");
        } finally {
            if (input != null) {
                try {
                    Files.deleteIfExists(input);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }
}
