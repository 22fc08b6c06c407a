package org.garnet.rapi.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request as a resource handler sees it: the method, the names taken from the path, the query arguments,
 * the decoded JSON body (null when there is none) and the resource's name for the reason trail.
 */
record Call(String method, List<String> params, QueryArgs args, Object body, String resource) {
    String param(int i) {
        return params.get(i);
    }

    /**
     * Ganeti's {@code FillOpcode} rule: no body is no parameters; a body must be a JSON object, else 400 with
     * Ganeti's wording. A copy, so handlers may add static parameters.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> opBody() {
        if (body == null) {
            return new LinkedHashMap<>();
        }
        if (!(body instanceof Map<?, ?> m)) {
            throw new RapiError(400, "Body contents: Type is '" + pythonType(body) + "', but 'dict' is expected");
        }
        return new LinkedHashMap<>((Map<String, Object>) m);
    }

    /** Ganeti's {@code getBodyParameter}: a body parameter, or {@code dflt} when absent. */
    Object bodyParam(String name, Object dflt) {
        Map<String, Object> b = opBody();
        return b.containsKey(name) ? b.get(name) : dflt;
    }

    /** The name Python gives a decoded JSON value's type (Ganeti's error messages use it). */
    static String pythonType(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger) {
            return "int";
        }
        if (v instanceof Number) {
            return "float";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof List) {
            return "list";
        }
        return v instanceof Map ? "dict" : v.getClass().getSimpleName();
    }
}
