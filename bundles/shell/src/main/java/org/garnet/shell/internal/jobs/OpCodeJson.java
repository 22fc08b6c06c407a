package org.garnet.shell.internal.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.ReasonEntry;
import org.garnet.api.jobs.JobDependency;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.OpCode;

/**
 * Reads opcode lists in Ganeti's JSON ({@code [{"OP_ID": "OP_TEST_DELAY", "duration": 1, "depends": [[-1, []]]}]})
 * for {@code gnt-debug submit-job}. Type errors in the common fields are refused here; the opcode's own
 * parameters are checked by the queue at submission.
 */
public final class OpCodeJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OpCodeJson() {
    }

    public static List<OpCode> readList(Path file) throws IOException {
        List<Object> raw;
        try {
            raw = MAPPER.readValue(Files.readString(file), new TypeReference<List<Object>>() { });
        } catch (NoSuchFileException e) {
            throw GanetiException.prereq("Can't read file '" + file + "': no such file", ErrorCode.ECODE_NOENT);
        } catch (JsonProcessingException e) {
            throw GanetiException.prereq("File '" + file + "' is not a JSON list of opcodes: "
                    + e.getOriginalMessage(), ErrorCode.ECODE_INVAL);
        }
        List<OpCode> out = new ArrayList<>();
        for (Object o : raw) {
            if (!(o instanceof Map<?, ?> m)) {
                throw GanetiException.prereq("File '" + file + "': every opcode must be a JSON object",
                        ErrorCode.ECODE_INVAL);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = new LinkedHashMap<>((Map<String, Object>) m);
            out.add(parse(map));
        }
        return out;
    }

    static OpCode parse(Map<String, Object> m) {
        if (!(m.remove("OP_ID") instanceof String opId)) {
            throw GanetiException.prereq("Opcode is missing its OP_ID", ErrorCode.ECODE_INVAL);
        }
        Object comment = m.remove("comment");
        Object priority = m.remove("priority");
        Object dryRun = m.remove("dry_run");
        Object debug = m.remove("debug_level");
        Object depends = m.remove("depends");
        Object reason = m.remove("reason");
        List<JobDependency> deps = new ArrayList<>();
        if (depends instanceof List<?> dl) {
            for (Object d : dl) {
                if (!(d instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof Number id)
                        || !(pair.get(1) instanceof List<?> sts)) {
                    throw GanetiException.prereq("Parameter 'depends' must be a list of [job_id, [statuses]]",
                            ErrorCode.ECODE_INVAL);
                }
                List<JobStatus> allowed = new ArrayList<>();
                for (Object s : sts) {
                    try {
                        allowed.add(JobStatus.valueOf(String.valueOf(s)));
                    } catch (IllegalArgumentException e) {
                        throw GanetiException.prereq("Parameter 'depends': unknown status '" + s + "'",
                                ErrorCode.ECODE_INVAL);
                    }
                }
                deps.add(new JobDependency(id.longValue(), allowed));
            }
        } else if (depends != null) {
            throw GanetiException.prereq("Parameter 'depends' must be a list", ErrorCode.ECODE_INVAL);
        }
        List<ReasonEntry> trail = new ArrayList<>();
        if (reason instanceof List<?> rl) {
            for (Object r : rl) {
                if (r instanceof List<?> t && t.size() == 3 && t.get(2) instanceof Number ts) {
                    trail.add(new ReasonEntry(String.valueOf(t.get(0)), String.valueOf(t.get(1)), ts.longValue()));
                }
            }
        }
        return new OpCode(opId, m, comment instanceof String s ? s : null,
                priority instanceof Number p ? p.intValue() : OpCode.PRIORITY_NORMAL, deps, trail,
                Boolean.TRUE.equals(dryRun), debug instanceof Number d ? d.intValue() : 0);
    }
}
