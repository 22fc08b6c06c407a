package org.garnet.shell.internal.tags;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code gnt-instance add-tags}. */
@Service
@Command(scope = "gnt.instance", name = "add-tags", description = "Add tags to the given object")
public class InstanceAddTags extends TagsAction {
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
        return "add-tags";
    }

    @Override
    public Object execute() {
        return change("OP_TAGS_SET");
    }
}
