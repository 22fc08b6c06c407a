package org.garnet.shell.internal.tags;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code gnt-instance list-tags}. */
@Service
@Command(scope = "gnt.instance", name = "list-tags", description = "List the tags of the given object")
public class InstanceListTags extends TagsAction {
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
        return "list-tags";
    }

    @Override
    public Object execute() {
        return list();
    }
}
