package org.garnet.core.internal.query;

import java.util.List;
import java.util.Map;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ClusterService;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.query.FieldDefinition;
import org.garnet.api.query.QueryResult;
import org.garnet.api.query.QueryService;
import org.garnet.api.jobs.JobQueue;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Ganeti's query mechanism over the configuration; one {@link Resource} per queryable object type. */
@Component(service = QueryService.class)
public class QueryServiceImpl implements QueryService {
    private final Map<String, Resource<?>> resources;

    @Activate
    public QueryServiceImpl(@Reference ConfigStore store, @Reference ClusterService cluster,
                            @Reference JobQueue jobs, @Reference NodeRpc nodes) {
        resources = Map.of("node", new NodeResource(store, cluster, nodes), "group", new GroupResource(store, cluster),
                "job", new JobResource(jobs),
                "instance", new InstanceResource(store, nodes), "export", new ExportResource(store, nodes));
    }

    @Override
    public QueryResult query(String resource, List<String> fields, List<String> names) {
        return resource(resource).query(fields, names);
    }

    @Override
    public QueryResult query(String resource, List<String> fields, Object qfilter) {
        return resource(resource).query(fields, List.of(), qfilter);
    }

    @Override
    public Object version(String resource) {
        return resource(resource).version();
    }

    @Override
    public List<FieldDefinition> fields(String resource, List<String> names) {
        return resource(resource).definitions(names);
    }

    private Resource<?> resource(String name) {
        Resource<?> r = resources.get(name);
        if (r == null) {
            throw GanetiException.prereq("Resource type '" + name + "' unknown", ErrorCode.ECODE_INVAL);
        }
        return r;
    }
}
