package org.garnet.core.internal.lu.node;

import java.util.List;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code OP_NODE_MODIFY_STORAGE}: see {@link NodeStorageChangeOp}. */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + NodeModifyStorageOp.OP)
public class NodeModifyStorageOp extends NodeStorageChangeOp {
    static final String OP = "OP_NODE_MODIFY_STORAGE";

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
        return "lvm-pv";
    }

    @Override
    String verb() {
        return "modified";
    }

    @Override
    List<OpParam> ownParams() {
        return List.of(OpParam.required("changes", ParamType.DICT, "Requested storage changes"));
    }
}
