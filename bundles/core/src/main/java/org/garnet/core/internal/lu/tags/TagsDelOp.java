package org.garnet.core.internal.lu.tags;

import java.util.List;
import java.util.TreeSet;
import org.garnet.api.ErrorClass;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code OP_TAGS_DEL}: removes tags of the cluster, a node, a node group or an instance (Ganeti's rules). */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + TagsDelOp.OP)
public class TagsDelOp implements OpDefinition {
    static final String OP = "OP_TAGS_DEL";

    @Reference
    ConfigStore store;

    public TagsDelOp() {
    }

    public TagsDelOp(ConfigStore store) {
        this.store = store;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.required("kind", ParamType.STRING, "Tag kind"),
                OpParam.optional("name", ParamType.STRING, null, "Name of the object to retrieve tags from"),
                OpParam.required("tags", ParamType.STRING_LIST, "List of tag names"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public LogicalUnit create(OpCode op, LuContext ctx) {
        String kind = Tags.kind(op.params().get("kind"));
        String name = (String) op.params().get("name");
        List<String> tags = (List<String>) op.params().get("tags");
        return new LogicalUnit() {
            @Override
            public void checkArguments() {
                Tags.validate(tags);
            }

            @Override
            public void declareLocks(LockPlan plan) {
                Tags.lock(store, kind, name, plan);
            }

            @Override
            public void checkPrereq() {
                TreeSet<String> missing = new TreeSet<>(tags);
                missing.removeAll(Tags.get(store, kind, name));
                if (!missing.isEmpty()) {
                    throw new GanetiException(ErrorClass.OpPrereqError, "Tag(s) " + String.join(", ",
                            missing.stream().map(t -> "'" + t + "'").toList()) + " not found",
                            org.garnet.api.ErrorCode.ECODE_NOENT);
                }
            }

            @Override
            public Object exec() {
                Tags.update(store, kind, name, set -> {
                    set.removeAll(tags);
                    return set;
                });
                return null;
            }
        };
    }
}
