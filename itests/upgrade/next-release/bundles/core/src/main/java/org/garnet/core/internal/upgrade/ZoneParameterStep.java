package org.garnet.core.internal.upgrade;

import java.util.HashMap;
import java.util.Map;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;
import org.osgi.service.component.annotations.Component;

/**
 * Release 0.2.0 of the tests (itests/upgrade): the node parameter {@code garnet_zone}, default {@code default},
 * added to the cluster's node parameters by the upgrade; removed by the downgrade wherever it was set.
 */
@Component(service = SchemaStep.class)
public class ZoneParameterStep implements SchemaStep {
    static final String PARAM = "garnet_zone";

    @Override
    public String release() {
        return "0.2.0";
    }

    @Override
    public String describe() {
        return "node parameter " + PARAM;
    }

    @Override
    public void up(ConfigStore store) {
        Cluster c = store.cluster().orElseThrow();
        if (!c.ndparams().containsKey(PARAM)) {
            Map<String, Object> nd = new HashMap<>(c.ndparams());
            nd.put(PARAM, "default");
            store.update(Cluster.class, c.uuid(), x -> x.toBuilder().ndparams(nd).build());
        }
    }

    @Override
    public void down(ConfigStore store) {
        Cluster c = store.cluster().orElseThrow();
        if (c.ndparams().containsKey(PARAM)) {
            store.update(Cluster.class, c.uuid(), x -> x.toBuilder().ndparams(without(x.ndparams())).build());
        }
        for (NodeGroup g : store.list(NodeGroup.class)) {
            if (g.ndparams().containsKey(PARAM)) {
                store.update(NodeGroup.class, g.uuid(), x -> new NodeGroup(x.uuid(), x.name(), x.serialNo(),
                        x.ctime(), x.mtime(), x.allocPolicy(), without(x.ndparams()), x.diskparams(), x.ipolicy(),
                        x.networks(), x.tags()));
            }
        }
        for (Node n : store.list(Node.class)) {
            if (n.ndparams().containsKey(PARAM)) {
                store.update(Node.class, n.uuid(), x -> new Node(x.uuid(), x.name(), x.serialNo(), x.ctime(),
                        x.mtime(), x.primaryIp(), x.secondaryIp(), x.group(), x.masterCandidate(), x.drained(),
                        x.offline(), x.masterCapable(), x.vmCapable(), x.powered(), without(x.ndparams()), x.tags()));
            }
        }
    }

    private static Map<String, Object> without(Map<String, Object> params) {
        Map<String, Object> out = new HashMap<>(params);
        out.remove(PARAM);
        return out;
    }
}
