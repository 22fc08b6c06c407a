package org.garnet.shell.internal.tags;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;
import org.garnet.shell.internal.jobs.JobAction;

/**
 * The tag verbs every tool shares ({@code add-tags}, {@code remove-tags}, {@code list-tags}): for the cluster
 * the arguments are the tags; for nodes, groups and instances the first argument names the object. Changes
 * are jobs ({@code OP_TAGS_SET}/{@code OP_TAGS_DEL}); listing reads the configuration, as Ganeti's
 * {@code QueryTags}.
 */
public abstract class TagsAction extends JobAction {
    @Reference
    protected JobQueue queue;
    @Reference
    protected ConfigStore store;

    @Option(name = "--from", description = "Read the tags (one per line) from this file")
    String from;

    @Argument(name = "args", multiValued = true, description = "[name] tag...")
    List<String> args;

    /** {@code cluster}, {@code node}, {@code nodegroup}, {@code instance}. */
    protected abstract String kind();

    protected boolean named() {
        return !kind().equals("cluster");
    }

    protected String name() {
        if (!named()) {
            return null;
        }
        if (args == null || args.isEmpty()) {
            throw GanetiException.prereq("No name given", ErrorCode.ECODE_INVAL);
        }
        return args.get(0);
    }

    protected List<String> tags() {
        List<String> out = new ArrayList<>();
        if (args != null) {
            out.addAll(args.subList(named() ? Math.min(1, args.size()) : 0, args.size()));
        }
        if (from != null) {
            try {
                Files.readAllLines(Path.of(from)).stream().map(String::strip).filter(s -> !s.isEmpty())
                        .forEach(out::add);
            } catch (IOException e) {
                throw GanetiException.prereq("Can't read file '" + from + "': " + e.getMessage(),
                        ErrorCode.ECODE_ENVIRON);
            }
        }
        return out;
    }

    protected Object change(String opId) {
        List<String> tags = tags();
        if (tags.isEmpty()) {
            throw GanetiException.prereq("No tags to " + (opId.equals("OP_TAGS_SET") ? "add" : "remove"),
                    ErrorCode.ECODE_INVAL);
        }
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("kind", kind());
        if (named()) {
            p.put("name", name());
        }
        p.put("tags", tags);
        runJob(queue, List.of(OpCode.of(opId, p)));
        return null;
    }

    protected Object list() {
        String name = name();
        java.util.Set<String> tags = switch (kind()) {
            case "node" -> find(Node.class, name, "Node").tags();
            case "instance" -> find(Instance.class, name, "Instance").tags();
            case "nodegroup" -> find(NodeGroup.class, name, "Node group").tags();
            default -> store.cluster().orElseThrow(() -> GanetiException.prereq("This node is not part of a "
                    + "cluster", ErrorCode.ECODE_STATE)).tags();
        };
        new TreeSet<>(tags).forEach(System.out::println);
        return null;
    }

    private <T extends org.garnet.api.model.ConfigObject> T find(Class<T> type, String name, String word) {
        return store.byName(type, name).orElseThrow(() -> GanetiException.prereq(word + " '" + name + "' not known",
                ErrorCode.ECODE_NOENT));
    }
}
