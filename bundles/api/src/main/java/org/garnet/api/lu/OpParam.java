package org.garnet.api.lu;

import java.util.Objects;

/** One parameter of an opcode: Ganeti's name, type, whether it must be given, its default and its doc. */
public record OpParam(String name, ParamType type, boolean required, Object defaultValue, String doc) {
    public OpParam {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
    }

    public static OpParam required(String name, ParamType type, String doc) {
        return new OpParam(name, type, true, null, doc);
    }

    public static OpParam optional(String name, ParamType type, Object defaultValue, String doc) {
        return new OpParam(name, type, false, defaultValue, doc);
    }
}
