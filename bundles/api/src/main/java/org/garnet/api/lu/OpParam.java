package org.garnet.api.lu;

import java.util.List;
import java.util.Objects;

/**
 * One parameter of an opcode: Ganeti's name, type, whether it must be given, its default, its doc and, for an
 * enumerated parameter ({@code reboot_type}, {@code alloc_policy}, ...), the values it may take (empty: any value
 * of its type). The queue checks all of it at submission, so a bad value is refused before a job exists.
 */
public record OpParam(String name, ParamType type, boolean required, Object defaultValue, String doc,
                      List<Object> choices) {
    public OpParam {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public OpParam(String name, ParamType type, boolean required, Object defaultValue, String doc) {
        this(name, type, required, defaultValue, doc, List.of());
    }

    /** This parameter restricted to {@code values}. */
    public OpParam oneOf(Object... values) {
        return new OpParam(name, type, required, defaultValue, doc, List.of(values));
    }

    /** Whether {@code value} is one of the allowed values (always, when the parameter is not enumerated). */
    public boolean allows(Object value) {
        return choices.isEmpty() || choices.contains(value);
    }

    public static OpParam required(String name, ParamType type, String doc) {
        return new OpParam(name, type, true, null, doc);
    }

    public static OpParam optional(String name, ParamType type, Object defaultValue, String doc) {
        return new OpParam(name, type, false, defaultValue, doc);
    }
}
