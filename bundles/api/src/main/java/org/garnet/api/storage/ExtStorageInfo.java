package org.garnet.api.storage;

import java.util.List;
import org.garnet.api.ParamDoc;

/**
 * An ExtStorage provider as a node has it ({@code gnt-storage diagnose}): where it is (its directory, or the
 * bundle that carries it), whether it is usable and if not why, and the parameters it accepts.
 */
public record ExtStorageInfo(String name, String path, boolean valid, String diagnose, List<ParamDoc> parameters) {
    public ExtStorageInfo {
        parameters = List.copyOf(parameters);
    }
}
