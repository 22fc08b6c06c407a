package org.garnet.core.internal.lu.tags;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.lu.OpDefinition;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code OP_TAGS_DEL}: removes tags; every one must exist (Ganeti's "Tag(s) ... not found"). */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + TagsDelOp.OP)
public class TagsDelOp extends TagsChangeOp {
    static final String OP = "OP_TAGS_DEL";

    public TagsDelOp() {
    }

    public TagsDelOp(ConfigStore store) {
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
    protected void check(String kind, String name, List<String> tags) {
        TreeSet<String> missing = new TreeSet<>(tags);
        missing.removeAll(Tags.get(store, kind, name));
        if (!missing.isEmpty()) {
            throw GanetiException.prereq("Tag(s) " + String.join(", ", missing.stream().map(t -> "'" + t + "'")
                    .toList()) + " not found", ErrorCode.ECODE_NOENT);
        }
    }

    @Override
    protected Set<String> apply(Set<String> current, List<String> tags) {
        current.removeAll(tags);
        return current;
    }
}
