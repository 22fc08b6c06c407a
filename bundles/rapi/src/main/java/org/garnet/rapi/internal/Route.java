package org.garnet.rapi.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One of Ganeti's RAPI resources: its path pattern, its name in the reason trail
 * ({@code gnt:library:rlib2:<name>}) and, per HTTP method, who may call it and what answers. A method the
 * resource does not define is Ganeti's 501.
 */
final class Route {
    /** Reads: anyone (unless the server requires authentication). */
    static final List<String> ANYONE = List.of();
    static final List<String> WRITE = List.of("write");
    static final List<String> READ_OR_WRITE = List.of("read", "write");

    /** What a method of a resource does with a request. */
    @FunctionalInterface
    interface Handler {
        Object handle(Call call);
    }

    record Endpoint(List<String> access, Handler handler) {
    }

    private final Pattern pattern;
    private final String name;
    private final Map<String, Endpoint> methods = new LinkedHashMap<>();

    Route(String pattern, String name) {
        this.pattern = Pattern.compile(pattern);
        this.name = name;
    }

    Pattern pattern() {
        return pattern;
    }

    String name() {
        return name;
    }

    Endpoint endpoint(String method) {
        return methods.get(method);
    }

    Route get(Handler h) {
        return on("GET", ANYONE, h);
    }

    Route put(Handler h) {
        return on("PUT", WRITE, h);
    }

    Route post(Handler h) {
        return on("POST", WRITE, h);
    }

    Route delete(Handler h) {
        return on("DELETE", WRITE, h);
    }

    Route on(String method, List<String> access, Handler h) {
        methods.put(method, new Endpoint(access, h));
        return this;
    }
}
