package org.garnet.shell.internal.tags;

import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.jobs.JobAction;

/** {@code gnt-cluster search-tags PATTERN}: {@code path tag} lines for every tag matching the pattern. */
@Service
@Command(scope = "gnt.cluster", name = "search-tags", description = "Searches the tags on all objects on the "
        + "cluster for a given pattern (regex)")
public class SearchTagsCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Argument(name = "pattern", required = true, description = "Regular expression")
    String pattern;

    @Override
    protected String tool() {
        return "gnt-cluster";
    }

    @Override
    protected String command() {
        return "search-tags";
    }

    @Override
    public Object execute() {
        List<Object> results = runJob(queue, List.of(OpCode.of("OP_TAGS_SEARCH", Map.of("pattern", pattern))));
        if (results != null) {
            for (Object o : (List<?>) results.get(0)) {
                List<?> pair = (List<?>) o;
                System.out.println(pair.get(0) + " " + pair.get(1));
            }
        }
        return null;
    }
}
