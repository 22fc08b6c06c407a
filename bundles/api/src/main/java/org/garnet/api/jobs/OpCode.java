package org.garnet.api.jobs;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.garnet.api.ReasonEntry;

/**
 * An opcode as Ganeti's JSON has it: {@code OP_ID} (e.g. {@code OP_CLUSTER_SET_PARAMS}), its own parameters,
 * and the common ones ({@code comment}, {@code priority}, {@code depends}, {@code reason}, {@code dry_run},
 * {@code debug_level}).
 */
public record OpCode(String opId, Map<String, Object> params, String comment, int priority,
                     List<JobDependency> depends, List<ReasonEntry> reason, boolean dryRun, int debugLevel) {
    public static final int PRIORITY_HIGH = -10;
    public static final int PRIORITY_NORMAL = 0;
    public static final int PRIORITY_LOW = 10;

    public OpCode {
        Objects.requireNonNull(opId, "OP_ID");
        params = Map.copyOf(params);
        depends = List.copyOf(depends);
        reason = List.copyOf(reason);
    }

    public static OpCode of(String opId, Map<String, Object> params) {
        return new OpCode(opId, params, null, PRIORITY_NORMAL, List.of(), List.of(), false, 0);
    }
}
