package org.garnet.core.internal.lu.tags;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.garnet.api.ErrorCode;
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

/** {@code OP_TAGS_SEARCH}: every tag matching a regular expression, as {@code [path, tag]} pairs. */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + TagsSearchOp.OP)
public class TagsSearchOp implements OpDefinition {
    static final String OP = "OP_TAGS_SEARCH";

    @Reference
    ConfigStore store;

    public TagsSearchOp() {
    }

    public TagsSearchOp(ConfigStore store) {
        this.store = store;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.required("pattern", ParamType.STRING, "Search pattern (regular expression)"));
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        String regex = (String) op.params().get("pattern");
        return new LogicalUnit() {
            private Pattern pattern;

            @Override
            public void checkArguments() {
                try {
                    pattern = Pattern.compile(regex);
                } catch (PatternSyntaxException e) {
                    throw GanetiException.prereq("Invalid search pattern '" + regex + "': " + e.getDescription(),
                            ErrorCode.ECODE_INVAL);
                }
            }

            @Override
            public void declareLocks(LockPlan plan) {
                // reads the configuration only
            }

            @Override
            public Object exec() {
                return Tags.search(store, pattern);
            }
        };
    }
}
