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
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;

/**
 * Reads opcode lists in Ganeti's JSON ({@code [{"OP_ID": "OP_TEST_DELAY", "duration": 1, "depends": [[-1, []]]}]})
 * for {@code gnt-debug submit-job}; each opcode is read by the queue ({@link JobQueue#parseOpCode}), which
 * refuses malformed common fields, and its own parameters are checked at submission.
 */
public final class OpCodeJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OpCodeJson() {
    }

    public static List<OpCode> readList(Path file, JobQueue queue) throws IOException {
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
            out.add(queue.parseOpCode(map));
        }
        return out;
    }
}
