package org.garnet.shell.internal.tags;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code gnt-cluster add-tags}. */
@Service
@Command(scope = "gnt.cluster", name = "add-tags", description = "Add tags to the given object")
public class ClusterAddTags extends TagsAction {
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
        return "add-tags";
    }

    @Override
    public Object execute() {
        return change("OP_TAGS_SET");
    }
}
