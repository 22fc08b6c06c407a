package org.garnet.core.internal.lu.tags;

import java.util.List;
import java.util.Set;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.lu.OpDefinition;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code OP_TAGS_SET}: adds tags to the cluster, a node, a node group or an instance (Ganeti's rules). */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + TagsSetOp.OP)
public class TagsSetOp extends TagsChangeOp {
    static final String OP = "OP_TAGS_SET";

    public TagsSetOp() {
    }

    public TagsSetOp(ConfigStore store) {
        this.store = store;
    }

    @Reference
    void setStore(ConfigStore s) {
        store = s;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    protected Set<String> apply(Set<String> current, List<String> tags) {
        current.addAll(tags);
        return current;
    }
}
