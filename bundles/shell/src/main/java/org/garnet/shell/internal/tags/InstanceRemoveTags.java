package org.garnet.shell.internal.tags;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code gnt-instance remove-tags}. */
@Service
@Command(scope = "gnt.instance", name = "remove-tags", description = "Remove tags from the given object")
public class InstanceRemoveTags extends TagsAction {
    @Override
    protected String kind() {
        return "instance";
    }

    @Override
    protected String tool() {
        return "gnt-instance";
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
