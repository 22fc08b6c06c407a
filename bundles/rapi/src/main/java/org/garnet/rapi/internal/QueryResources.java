package org.garnet.rapi.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.garnet.api.GanetiException;
import org.garnet.api.query.FieldDefinition;
import org.garnet.api.query.QueryResult;
import org.garnet.api.query.ResultCell;

/** Ganeti's generic query resources {@code /2/query/RESOURCE} (GET and PUT) and {@code /2/query/RESOURCE/fields}. */
final class QueryResources {
    private static final List<String> SERVED = List.of("export", "group", "instance", "job", "node");
    /** Query resources of Ganeti's RAPI whose objects Garnet does not have yet. */
    private static final List<String> NOT_YET = List.of("lock", "network", "filter");

    private final Backend b;

    private QueryResources(Backend b) {
        this.b = b;
    }

    static void addTo(Routes routes, Backend b) {
        QueryResources r = new QueryResources(b);
        routes.add("/2/query/(\\w+)/fields", "query_resource_fields").get(r::fields);
        routes.add("/2/query/(\\w+)", "query_resource")
                .on("GET", Route.READ_OR_WRITE, r::get)
                .on("PUT", Route.READ_OR_WRITE, r::put);
    }

    private Object fields(Call c) {
        String names = c.args().string("fields", "");
        List<String> wanted = names.isEmpty() ? List.of() : List.of(names.split(","));
        List<Map<String, Object>> out = new ArrayList<>();
        for (FieldDefinition d : b.query.fields(resource(c), wanted)) {
            out.add(definition(d));
        }
        return Map.of("fields", out);
    }

    private Object get(Call c) {
        String f = c.args().string("fields", null);
        if (f == null) {
            throw new RapiError(400, "Missing 'fields' query argument");
        }
        return answer(resource(c), List.of(f.split(",")), null);
    }

    private Object put(Call c) {
        if (!(c.bodyParam("fields", null) instanceof List<?> l)) {
            throw new RapiError(400, "Missing 'fields' in the body");
        }
        Object filter = c.bodyParam("qfilter", null);
        if (filter == null) {
            filter = c.bodyParam("filter", null);
        }
        return answer(resource(c), l.stream().map(String::valueOf).toList(), filter);
    }

    private Object answer(String resource, List<String> fields, Object filter) {
        QueryResult res;
        try {
            res = b.query.query(resource, fields, filter);
        } catch (GanetiException e) {
            throw new RapiError(400, e.getMessage());
        }
        List<Map<String, Object>> defs = new ArrayList<>();
        res.fields().forEach(d -> defs.add(definition(d)));
        List<Object> data = new ArrayList<>();
        for (List<ResultCell> row : res.rows()) {
            List<Object> cells = new ArrayList<>();
            for (ResultCell cell : row) {
                cells.add(Arrays.asList(cell.status().code(), cell.value()));
            }
            data.add(cells);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fields", defs);
        out.put("data", data);
        return out;
    }

    private static Map<String, Object> definition(FieldDefinition d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("title", d.title());
        m.put("kind", d.kind().name());
        m.put("doc", d.doc());
        return m;
    }

    private static String resource(Call c) {
        String resource = c.param(0);
        if (NOT_YET.contains(resource)) {
            throw new RapiError(501, "Query resource '" + resource + "' is not implemented in Garnet yet");
        }
        if (!SERVED.contains(resource)) {
            throw new RapiError(404, "Query resource '" + resource + "' does not exist");
        }
        return resource;
    }
}
