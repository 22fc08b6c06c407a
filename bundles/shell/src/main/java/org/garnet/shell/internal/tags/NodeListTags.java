package org.garnet.shell.internal.tags;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code gnt-node list-tags}. */
@Service
@Command(scope = "gnt.node", name = "list-tags", description = "List the tags of the given object")
public class NodeListTags extends TagsAction {
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
        return "list-tags";
    }

    @Override
    public Object execute() {
        return list();
    }
}
