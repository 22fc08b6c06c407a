package org.garnet.core.internal.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;

/**
 * Submission-time check of an opcode against its definition, with Ganeti's wording ("Parameter
 * 'OP_X.name' fails validation") plus what was expected: unknown opcode, unknown parameter, missing required
 * parameter, wrong type. Fills in defaults.
 */
final class OpValidator {
    private final Function<String, Optional<OpDefinition>> definitions;

    OpValidator(Function<String, Optional<OpDefinition>> definitions) {
        this.definitions = definitions;
    }

    /** Ganeti's {@code OP_PRIO_SUBMIT_VALID}: high, normal, low. */
    static final java.util.Set<Integer> SUBMIT_PRIORITIES = java.util.Set.of(OpCode.PRIORITY_HIGH,
            OpCode.PRIORITY_NORMAL, OpCode.PRIORITY_LOW);

    OpCode validate(OpCode op) {
        if (!SUBMIT_PRIORITIES.contains(op.priority())) {
            throw JobCodec.invalid("Parameter '" + op.opId() + ".priority' fails validation (allowed at submission "
                    + "are -10 (high), 0 (normal), 10 (low); got " + op.priority() + ")");
        }
        OpDefinition def = definitions.apply(op.opId()).orElseThrow(() ->
                JobCodec.invalid("Unknown opcode '" + op.opId() + "'"));
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, OpParam> known = new LinkedHashMap<>();
        def.params().forEach(p -> known.put(p.name(), p));
        for (String name : op.params().keySet()) {
            if (!known.containsKey(name)) {
                throw JobCodec.invalid("Parameter '" + op.opId() + "." + name + "' fails validation (unknown "
                        + "parameter of " + op.opId() + ")");
            }
        }
        for (OpParam p : def.params()) {
            Object value = op.params().get(p.name());
            if (value == null) {
                if (p.required()) {
                    throw JobCodec.invalid("Parameter '" + op.opId() + "." + p.name() + "' fails validation "
                            + "(required, expected " + p.type().description() + ")");
                }
                params.put(p.name(), p.defaultValue());
                continue;
            }
            if (!p.type().accepts(value)) {
                throw JobCodec.invalid("Parameter '" + op.opId() + "." + p.name() + "' fails validation "
                        + "(expected " + p.type().description() + ", got " + show(value) + ")");
            }
            if (!p.allows(value)) {
                throw JobCodec.invalid("Parameter '" + op.opId() + "." + p.name() + "' fails validation "
                        + "(expected one of " + String.join(", ", p.choices().stream().map(String::valueOf).toList())
                        + "; got " + show(value) + ")");
            }
            params.put(p.name(), value);
        }
        return op.withParams(params);
    }

    private static String show(Object v) {
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }
}
