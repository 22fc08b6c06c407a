package org.garnet.rapi.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ganeti's tag resources ({@code /2/tags}, {@code /2/{instances,nodes,groups}/NAME/tags}): GET lists the tags;
 * PUT adds and DELETE removes the tags given as repeated {@code ?tag=} arguments, each as one job.
 */
final class TagResources {
    private TagResources() {
    }

    /** Adds the tag resource at {@code pattern}; {@code kind} is Ganeti's tag kind. */
    static void add(Routes routes, Backend b, String pattern, String name, String kind) {
        routes.add(pattern, name)
                .get(c -> list(b, kind, c))
                .put(c -> b.submit(c, "OP_TAGS_SET", params(kind, c)))
                .delete(c -> b.submit(c, "OP_TAGS_DEL", params(kind, c)));
    }

    private static Object list(Backend b, String kind, Call c) {
        String resource = switch (kind) {
            case "node" -> "node";
            case "nodegroup" -> "group";
            case "instance" -> "instance";
            default -> null;
        };
        if (resource == null) {
            return List.copyOf(b.cluster.cluster().tags());
        }
        return b.one(resource, c.param(0), List.of("tags")).get("tags");
    }

    private static Map<String, Object> params(String kind, Call c) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kind", kind);
        if (!c.params().isEmpty()) {
            p.put("name", c.param(0));
        }
        p.put("tags", c.args().all("tag"));
        return p;
    }
}
