package org.garnet.api.lu;

import java.util.List;
import java.util.Map;

/** The JSON type an opcode parameter must have; {@link #accepts} is the submission-time check. */
public enum ParamType {
    STRING, BOOL, INT, NON_NEGATIVE_INT, NUMBER, LIST, STRING_LIST, DICT, ANY;

    public boolean accepts(Object value) {
        return switch (this) {
            case STRING -> value instanceof String;
            case BOOL -> value instanceof Boolean;
            case INT -> isInteger(value);
            case NON_NEGATIVE_INT -> isInteger(value) && ((Number) value).longValue() >= 0;
            case NUMBER -> value instanceof Number;
            case LIST -> value instanceof List;
            case STRING_LIST -> value instanceof List<?> l && l.stream().allMatch(String.class::isInstance);
            case DICT -> value instanceof Map;
            case ANY -> true;
        };
    }

    /** How a message names the expected type. */
    public String description() {
        return switch (this) {
            case STRING -> "a string";
            case BOOL -> "a boolean";
            case INT -> "an integer";
            case NON_NEGATIVE_INT -> "a non-negative integer";
            case NUMBER -> "a number";
            case LIST -> "a list";
            case STRING_LIST -> "a list of strings";
            case DICT -> "a dictionary";
            case ANY -> "any value";
        };
    }

    private static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof java.math.BigInteger;
    }
}
