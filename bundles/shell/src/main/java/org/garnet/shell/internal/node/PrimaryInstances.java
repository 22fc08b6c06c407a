package org.garnet.shell.internal.node;

import java.util.ArrayList;
import java.util.List;
import org.garnet.api.query.QueryResult;
import org.garnet.api.query.QueryService;

/** The instances whose primary is a node, sorted as Ganeti's NiceSort does for plain names. */
final class PrimaryInstances {
    private PrimaryInstances() {
    }

    static List<String> of(QueryService query, String node) {
        QueryResult r = query.query("node", List.of("name", "pinst_list"), List.of(node));
        List<String> out = new ArrayList<>();
        Object v = r.rows().get(0).get(1).value();
        if (v instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        out.sort(null);
        return out;
    }

    /** The first row's node name as the query spelled it. */
    static String name(QueryService query, String node) {
        return String.valueOf(query.query("node", List.of("name"), List.of(node)).rows().get(0).get(0).value());
    }
}
