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
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        depends = List.copyOf(depends);
        reason = List.copyOf(reason);
    }

    /** The same opcode with another reason trail. */
    public OpCode withReason(List<ReasonEntry> trail) {
        return new OpCode(opId, params, comment, priority, depends, trail, dryRun, debugLevel);
    }

    /** The same opcode with other dependencies. */
    public OpCode withDepends(List<JobDependency> deps) {
        return new OpCode(opId, params, comment, priority, deps, reason, dryRun, debugLevel);
    }

    /** The same opcode with other parameters. */
    public OpCode withParams(Map<String, Object> newParams) {
        return new OpCode(opId, newParams, comment, priority, depends, reason, dryRun, debugLevel);
    }

    /** The same opcode with another priority. */
    public OpCode withPriority(int newPriority) {
        return new OpCode(opId, params, comment, newPriority, depends, reason, dryRun, debugLevel);
    }

    public static OpCode of(String opId, Map<String, Object> params) {
        return new OpCode(opId, params, null, PRIORITY_NORMAL, List.of(), List.of(), false, 0);
    }
}
