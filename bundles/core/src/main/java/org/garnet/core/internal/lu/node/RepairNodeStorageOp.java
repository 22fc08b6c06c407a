package org.garnet.core.internal.lu.node;

import java.util.List;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code OP_REPAIR_NODE_STORAGE}: see {@link NodeStorageChangeOp}. */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + RepairNodeStorageOp.OP)
public class RepairNodeStorageOp extends NodeStorageChangeOp {
    static final String OP = "OP_REPAIR_NODE_STORAGE";

    @Reference
    ConfigStore store;

    @Override
    ConfigStore store() {
        return store;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    String applicableType() {
        return "lvm-vg";
    }

    @Override
    String verb() {
        return "repaired";
    }

    @Override
    List<OpParam> ownParams() {
        return List.of(OpParam.optional("ignore_consistency", ParamType.BOOL, false,
                "Whether to ignore disk consistency"));
    }
}
