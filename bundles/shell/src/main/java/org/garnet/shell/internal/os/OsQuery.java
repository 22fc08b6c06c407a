package org.garnet.shell.internal.os;

import java.util.List;
import java.util.Map;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.jobs.JobAction;

/** The gnt-os verbs: one {@code OP_OS_DIAGNOSE} job with the fields each needs. */
abstract class OsQuery extends JobAction {
    @org.apache.karaf.shell.api.action.lifecycle.Reference
    org.garnet.api.jobs.JobQueue queue;

    @Override
    protected String tool() {
        return "gnt-os";
    }

    @SuppressWarnings("unchecked")
    protected List<List<Object>> diagnose(List<String> fields) {
        List<Object> results = runJob(queue, List.of(OpCode.of("OP_OS_DIAGNOSE", Map.of("output_fields", fields,
                "names", List.of()))));
        return results == null ? null : (List<List<Object>>) results.get(0);
    }

    /** Ganeti's {@code CalculateOSNames}: {@code os+variant} for each variant, or the bare name. */
    static List<String> names(String name, List<?> variants) {
        if (variants == null || variants.isEmpty()) {
            return List.of(name);
        }
        return variants.stream().map(v -> name + "+" + v).toList();
    }
}
