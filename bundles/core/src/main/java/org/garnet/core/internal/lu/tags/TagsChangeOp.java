package org.garnet.core.internal.lu.tags;

import java.util.List;
import java.util.Set;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;

/** What adding and removing tags share: parameters, validation, locks and the one-transaction update. */
abstract class TagsChangeOp implements OpDefinition {
    protected ConfigStore store;

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.required("kind", ParamType.STRING, "Tag kind")
                .oneOf("cluster", "instance", "node", "nodegroup", "network"),
                OpParam.optional("name", ParamType.STRING, null, "Name of the object to retrieve tags from"),
                OpParam.required("tags", ParamType.STRING_LIST, "List of tag names"));
    }

    /** Checks under the locks (e.g. that removed tags exist). */
    protected void check(String kind, String name, List<String> tags) {
    }

    /** The object's new tag set. */
    protected abstract Set<String> apply(Set<String> current, List<String> tags);

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
                check(kind, name, tags);
            }

            @Override
            public Object exec() {
                Tags.update(store, kind, name, set -> apply(set, tags));
                return null;
            }
        };
    }
}
