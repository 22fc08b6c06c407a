package org.garnet.shell.internal.tags;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code gnt-group add-tags}. */
@Service
@Command(scope = "gnt.group", name = "add-tags", description = "Add tags to the given object")
public class GroupAddTags extends TagsAction {
    @Override
    protected String kind() {
        return "nodegroup";
    }

    @Override
    protected String tool() {
        return "gnt-group";
    }

    @Override
    protected String command() {
        return "add-tags";
    }

    @Override
    public Object execute() {
        return change("OP_TAGS_SET");
    }
}
