package org.garnet.shell.internal.tags;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code gnt-cluster remove-tags}. */
@Service
@Command(scope = "gnt.cluster", name = "remove-tags", description = "Remove tags from the given object")
public class ClusterRemoveTags extends TagsAction {
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
        return "remove-tags";
    }

    @Override
    public Object execute() {
        return change("OP_TAGS_DEL");
    }
}
