package org.garnet.core.internal.lu.instance;

import java.util.List;
import java.util.Map;
import org.garnet.api.GanetiException;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.api.os.OsDefinition;
import org.garnet.core.internal.os.OsEnvironment;
import org.garnet.core.internal.rpc.NodeClient;

/** The environment an instance's OS scripts get on its node (Ganeti's OSEnvironment), for import and export. */
final class OsScriptEnv {
    private OsScriptEnv() {
    }

    static Map<String, String> of(NodeClient node, Node where, Cluster cluster, Instance inst, List<String> paths,
                                  int debug) {
        String os = inst.os();
        int plus = os.indexOf('+');
        String name = plus < 0 ? os : os.substring(0, plus);
        String variant = plus < 0 ? null : os.substring(plus + 1);
        OsDefinition def = node.os(name).orElseThrow(() -> GanetiException.exec("OS '" + name + "' not in "
                + "supported OS list for node " + where.name()));
        int api = def.apiVersions().stream().filter(v -> v == 10 || v == 15 || v == 20).max(Integer::compare)
                .orElse(20);
        String v = variant != null ? variant : def.variants().isEmpty() ? null : def.variants().get(0);
        return OsEnvironment.of(api, name, v, inst, where.name(), paths, inst.osparams(),
                Instances.filledBe(cluster, inst.beparams()), Instances.filledHv(cluster, inst.hypervisor(),
                        inst.hvparams()), debug);
    }

    /** The OS's name without its variant. */
    static String name(Instance inst) {
        int plus = inst.os().indexOf('+');
        return plus < 0 ? inst.os() : inst.os().substring(0, plus);
    }
}
