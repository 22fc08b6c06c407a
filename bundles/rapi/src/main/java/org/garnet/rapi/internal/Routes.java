package org.garnet.rapi.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The routing table of Ganeti's RAPI: every resource Garnet serves, with its methods. Handler groups
 * ({@link ClusterResources}, {@link NodeResources}, ...) add their routes; a request is matched against the whole
 * path, and the names the pattern captures become the call's parameters.
 */
final class Routes {
    /** Ganeti's name pattern for nodes, instances, groups and networks. */
    static final String NAME = "([\\w._-]+)";
    static final String ID = "(\\d+)";

    record Match(Route route, List<String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    /** Adds a resource; {@code pattern} is a whole-path regular expression, {@code name} its reason-trail name. */
    Route add(String pattern, String name) {
        Route r = new Route(pattern, name);
        routes.add(r);
        return r;
    }

    Optional<Match> find(String path) {
        for (Route r : routes) {
            Matcher m = r.pattern().matcher(path);
            if (m.matches()) {
                List<String> params = new ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    params.add(m.group(i));
                }
                return Optional.of(new Match(r, params));
            }
        }
        return Optional.empty();
    }

    List<Route> all() {
        return List.copyOf(routes);
    }
}
