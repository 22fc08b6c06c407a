package org.garnet.core.internal.lu.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.lu.LuContext;
import org.garnet.core.internal.jobs.JobCodec;

/**
 * Ganeti's {@code LoadNodeEvacResult}: an IAllocator's {@code node-evacuate} or {@code change-group} answer
 * ({@code [moved, failed, jobs]}) turned into the jobs to submit; any instance it could not place fails the
 * whole evacuation, naming each with the allocator's reason.
 */
public final class EvacResult {
    private EvacResult() {
    }

    /**
     * The jobs of {@code resp}; {@code useNodes} names the nodes each instance goes to in the feedback (else its
     * group); {@code earlyRelease} is set on the opcodes that have it; every opcode gets {@code priority}.
     */
    @SuppressWarnings("unchecked")
    public static List<List<OpCode>> load(Map<String, Object> resp, String what, String allocator, LuContext ctx,
                                          boolean earlyRelease, boolean useNodes, int priority) {
        if (!Boolean.TRUE.equals(resp.get("success")) || !(resp.get("result") instanceof List<?> result)
                || result.size() != 3) {
            throw GanetiException.prereq("Can't compute " + what + " using iallocator '" + allocator + "': "
                    + resp.get("info"), ErrorCode.ECODE_NORES);
        }
        List<List<Object>> moved = (List<List<Object>>) result.get(0);
        List<List<Object>> failed = (List<List<Object>>) result.get(1);
        List<List<Map<String, Object>>> jobs = (List<List<Map<String, Object>>>) result.get(2);
        if (!failed.isEmpty()) {
            String why = String.join(", ", failed.stream().map(f -> f.get(0) + " (" + f.get(1) + ")").toList());
            ctx.feedback(" - WARNING: Unable to evacuate instances " + why);
            throw GanetiException.exec("Unable to evacuate instances " + why);
        }
        if (!moved.isEmpty()) {
            ctx.feedback(" - INFO: Instances to be moved: " + String.join(", ", moved.stream().map(m -> m.get(0)
                    + " (to " + (useNodes ? String.join(", ", (List<String>) m.get(2)) : String.valueOf(m.get(1)))
                    + ")").toList()));
        }
        List<List<OpCode>> out = new ArrayList<>();
        for (List<Map<String, Object>> ops : jobs) {
            List<OpCode> job = new ArrayList<>();
            for (Map<String, Object> o : ops) {
                Map<String, Object> m = new LinkedHashMap<>(o);
                if (m.containsKey("early_release")) {
                    m.put("early_release", earlyRelease);
                }
                job.add(JobCodec.parseOp(m).withPriority(priority));
            }
            out.add(job);
        }
        return out;
    }
}
