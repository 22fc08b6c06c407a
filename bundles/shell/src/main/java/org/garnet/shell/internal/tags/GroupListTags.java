package org.garnet.shell.internal.tags;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code gnt-group list-tags}. */
@Service
@Command(scope = "gnt.group", name = "list-tags", description = "List the tags of the given object")
public class GroupListTags extends TagsAction {
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
        return "list-tags";
    }

    @Override
    public Object execute() {
        return list();
    }
}
