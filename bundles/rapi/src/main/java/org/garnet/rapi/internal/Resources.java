package org.garnet.rapi.internal;

import org.garnet.api.config.ClusterService;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.query.QueryService;

/** The routing table of every resource Garnet's RAPI serves, built from the handler groups. */
final class Resources {
    private Resources() {
    }

    static Routes table(JobQueue jobs, ClusterService cluster, QueryService query) {
        Backend b = new Backend(jobs, cluster, query);
        Routes routes = new Routes();
        ClusterResources.addTo(routes, b);
        JobResources.addTo(routes, b);
        NodeResources.addTo(routes, b);
        GroupResources.addTo(routes, b);
        InstanceResources.addTo(routes, b);
        QueryResources.addTo(routes, b);
        UnservedResources.addTo(routes);
        return routes;
    }
}
