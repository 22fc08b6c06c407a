package org.garnet.shell.internal.tags;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code gnt-cluster list-tags}. */
@Service
@Command(scope = "gnt.cluster", name = "list-tags", description = "List the tags of the given object")
public class ClusterListTags extends TagsAction {
    @Override
    protected String kind() {
        return "cluster";
    }

    @Override
    protected String tool() {
        return "gnt-cluster";
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
