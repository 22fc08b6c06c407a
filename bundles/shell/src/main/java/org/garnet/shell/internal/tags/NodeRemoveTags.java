package org.garnet.shell.internal.tags;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code gnt-node remove-tags}. */
@Service
@Command(scope = "gnt.node", name = "remove-tags", description = "Remove tags from the given object")
public class NodeRemoveTags extends TagsAction {
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
        return "remove-tags";
    }

    @Override
    public Object execute() {
        return change("OP_TAGS_DEL");
    }
}
