package org.garnet.shell.internal.storage;

import java.util.List;
import java.util.Map;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.jobs.JobAction;

/** The gnt-storage verbs: one {@code OP_EXT_STORAGE_DIAGNOSE} job with the fields each needs. */
abstract class StorageQuery extends JobAction {
    @org.apache.karaf.shell.api.action.lifecycle.Reference
    org.garnet.api.jobs.JobQueue queue;

    @Override
    protected String tool() {
        return "gnt-storage";
    }

    /** The rows, or null when the job failed (already reported). */
    @SuppressWarnings("unchecked")
    protected List<List<Object>> diagnose(List<String> fields) {
        List<Object> results = runJob(queue, List.of(OpCode.of("OP_EXT_STORAGE_DIAGNOSE", Map.of("output_fields",
                fields, "names", List.of()))));
        return results == null ? null : (List<List<Object>>) results.get(0);
    }

    static List<String> sorted(java.util.Collection<?> names) {
        return names.stream().map(String::valueOf).sorted(org.garnet.shell.internal.format.ListOutput::niceCompare)
                .toList();
    }
}
