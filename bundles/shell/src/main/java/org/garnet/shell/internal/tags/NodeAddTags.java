package org.garnet.shell.internal.tags;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code gnt-node add-tags}. */
@Service
@Command(scope = "gnt.node", name = "add-tags", description = "Add tags to the given object")
public class NodeAddTags extends TagsAction {
    @Override
    protected String kind() {
        return "node";
    }

    @Override
    protected String tool() {
        return "gnt-node";
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
