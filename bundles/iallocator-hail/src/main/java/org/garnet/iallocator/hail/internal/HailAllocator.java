package org.garnet.iallocator.hail.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.garnet.api.iallocator.IAllocator;
import org.garnet.htools.cli.Hail;
import org.osgi.service.component.annotations.Component;

/**
 * Ganeti's {@code hail} as an in-process IAllocator ({@code iallocator.name=hail}): the Java htools' hail gets
 * the request document and the allocator parameters exactly as the program would (request on its input, the
 * parameters as options), with no process to start. Failed allocations carry hail's per-node explanation in
 * their {@code info}. While this bundle runs it takes precedence over a {@code hail} program in the search path;
 * stopping it falls back to the program.
 */
@Component(property = IAllocator.NAME + "=hail")
public class HailAllocator implements IAllocator {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer refusing the request, as hail answers a request it cannot handle. */
    private static String failed(String info) {
        try {
            return JSON.writeValueAsString(Map.of("success", false, "info", info, "result", List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String run(String requestJson) {
        return run(requestJson, List.of());
    }

    @Override
    public String run(String requestJson, List<String> arguments) {
        List<String> args = new ArrayList<>(arguments);
        args.add("--explain");
        args.add("-");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            rc = new Hail(new ByteArrayInputStream(requestJson.getBytes(StandardCharsets.UTF_8)))
                    .run(args.toArray(String[]::new), o, e);
        }
        if (rc != 0) {
            return failed("hail failed (exit " + rc + "): " + err.toString(StandardCharsets.UTF_8).strip());
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
