package org.garnet.shell.internal.tags;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code gnt-group remove-tags}. */
@Service
@Command(scope = "gnt.group", name = "remove-tags", description = "Remove tags from the given object")
public class GroupRemoveTags extends TagsAction {
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
        return "remove-tags";
    }

    @Override
    public Object execute() {
        return change("OP_TAGS_DEL");
    }
}
