package org.garnet.core.internal.lu.group;

import java.util.List;
import java.util.Map;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.garnet.api.model.InstancePolicy;
import org.garnet.api.model.NodeGroup;

/** What the node group units share: lookup, allocation policies and the changeable parameters. */
final class Groups {
    static final List<String> ALLOC_POLICIES = List.of("preferred", "last_resort", "unallocable");

    private Groups() {
    }

    static NodeGroup require(ConfigStore store, String name) {
        return store.byName(NodeGroup.class, name).orElseThrow(() -> GanetiException.prereq(
                "Group '" + name + "' not found", ErrorCode.ECODE_NOENT));
    }

    static void checkAllocPolicy(Object policy) {
        if (policy != null && !ALLOC_POLICIES.contains(String.valueOf(policy))) {
            throw GanetiException.prereq("Invalid allocation policy '" + policy + "', valid ones are: "
                    + String.join(", ", ALLOC_POLICIES), ErrorCode.ECODE_INVAL);
        }
    }

    static List<OpParam> settable() {
        return List.of(
                OpParam.optional("alloc_policy", ParamType.STRING, null, "Instance allocation policy")
                        .oneOf("preferred", "last_resort", "unallocable"),
                OpParam.optional("ndparams", ParamType.DICT, null, "Default node parameters for group"),
                OpParam.optional("diskparams", ParamType.DICT, null, "Disk templates' parameter defaults"),
                OpParam.optional("ipolicy", ParamType.DICT, null, "Group-wide instance policy specs"),
                OpParam.optional("hv_state", ParamType.DICT, null, "Set hypervisor states"),
                OpParam.optional("disk_state", ParamType.DICT, null, "Set disk states"));
    }

    static NodeGroup with(NodeGroup g, String name, String allocPolicy, Map<String, Object> ndparams,
                          Map<String, Map<String, Object>> diskparams, InstancePolicy ipolicy) {
        return new NodeGroup(g.uuid(), name, g.serialNo(), g.ctime(), g.mtime(), allocPolicy, ndparams, diskparams,
                ipolicy, g.networks(), g.tags());
    }
}
