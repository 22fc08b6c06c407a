package org.garnet.core.internal.lu.tags;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.garnet.api.ErrorClass;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.locks.LockLevel;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.ConfigObject;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;

/**
 * Tags of the cluster, nodes, node groups and instances with Ganeti's rules ({@code objects.TaggableObject}):
 * at most 128 characters of {@code [\w.+*\/:@-]}, at most 4096 tags per object; errors are {@code TagError}.
 */
final class Tags {
    static final int MAX_LENGTH = 128;
    static final int MAX_TAGS = 4096;
    private static final Pattern VALID = Pattern.compile("^[\\w.+*/:@-]+$");

    private Tags() {
    }

    static void validate(List<String> tags) {
        for (String t : tags) {
            if (t.length() > MAX_LENGTH) {
                throw new GanetiException(ErrorClass.TagError, "Tag too long (>" + MAX_LENGTH + " characters)", null);
            }
            if (t.isEmpty()) {
                throw new GanetiException(ErrorClass.TagError, "Tags cannot be empty", null);
            }
            if (!VALID.matcher(t).matches()) {
                throw new GanetiException(ErrorClass.TagError, "Tag contains invalid characters", null);
            }
        }
    }

    static String kind(Object k) {
        String kind = String.valueOf(k);
        if (!List.of("cluster", "node", "nodegroup", "instance").contains(kind)) {
            throw GanetiException.prereq("Wrong tag type requested (" + kind + ")", ErrorCode.ECODE_INVAL);
        }
        return kind;
    }

    /** Locks the object whose tags change (Ganeti's {@code TagsLU.ExpandNames}). */
    static void lock(ConfigStore store, String kind, String name, LockPlan plan) {
        switch (kind) {
            case "node" -> plan.need(LockLevel.NODE, Set.of(node(store, name).uuid()), false);
            case "instance" -> plan.need(LockLevel.INSTANCE, Set.of(instance(store, name).name()), false);
            case "nodegroup" -> plan.need(LockLevel.NODEGROUP, Set.of(group(store, name).uuid()), false);
            default -> {
                // the cluster object is updated in one store transaction: no lock beyond the shared BGL
            }
        }
    }

    static Set<String> get(ConfigStore store, String kind, String name) {
        return switch (kind) {
            case "node" -> node(store, name).tags();
            case "instance" -> instance(store, name).tags();
            case "nodegroup" -> group(store, name).tags();
            default -> store.cluster().orElseThrow().tags();
        };
    }

    /** Applies {@code change} to the object's tag set and stores it. */
    static void update(ConfigStore store, String kind, String name, UnaryOperator<Set<String>> change) {
        switch (kind) {
            case "node" -> store.update(Node.class, node(store, name).uuid(), n -> new Node(n.uuid(), n.name(),
                    n.serialNo(), n.ctime(), n.mtime(), n.primaryIp(), n.secondaryIp(), n.group(), n.masterCandidate(),
                    n.drained(), n.offline(), n.masterCapable(), n.vmCapable(), n.powered(), n.ndparams(),
                    checked(change.apply(new TreeSet<>(n.tags())))));
            case "instance" -> store.update(Instance.class, instance(store, name).uuid(), i -> new Instance(i.uuid(),
                    i.name(), i.serialNo(), i.ctime(), i.mtime(), i.primaryNode(), i.os(), i.hypervisor(),
                    i.diskTemplate(), i.hvparams(), i.beparams(), i.osparams(), i.adminState(), i.adminStateSource(),
                    i.disksActive(), i.disks(), i.nics(), i.networkPort(),
                    checked(change.apply(new TreeSet<>(i.tags())))));
            case "nodegroup" -> store.update(NodeGroup.class, group(store, name).uuid(), g -> new NodeGroup(g.uuid(),
                    g.name(), g.serialNo(), g.ctime(), g.mtime(), g.allocPolicy(), g.ndparams(), g.diskparams(),
                    g.ipolicy(), g.networks(), checked(change.apply(new TreeSet<>(g.tags())))));
            default -> {
                Cluster c = store.cluster().orElseThrow();
                store.update(Cluster.class, c.uuid(), x -> x.toBuilder()
                        .tags(checked(change.apply(new TreeSet<>(x.tags())))).build());
            }
        }
    }

    /** Every tag matching {@code pattern}, as Ganeti's {@code search-tags}: {@code [path, tag]}. */
    static List<List<String>> search(ConfigStore store, Pattern pattern) {
        List<List<String>> out = new ArrayList<>();
        store.cluster().ifPresent(c -> add(out, "/cluster", c.tags(), pattern));
        store.list(Instance.class).forEach(i -> add(out, "/instances/" + i.name(), i.tags(), pattern));
        store.list(Node.class).forEach(n -> add(out, "/nodes/" + n.name(), n.tags(), pattern));
        store.list(NodeGroup.class).forEach(g -> add(out, "/nodegroup/" + g.name(), g.tags(), pattern));
        return out;
    }

    private static void add(List<List<String>> out, String path, Set<String> tags, Pattern pattern) {
        for (String t : new TreeSet<>(tags)) {
            if (pattern.matcher(t).find()) {
                out.add(List.of(path, t));
            }
        }
    }

    private static Set<String> checked(Set<String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw new GanetiException(ErrorClass.TagError, "Too many tags", null);
        }
        return tags;
    }

    private static <T extends ConfigObject> T find(ConfigStore store, Class<T> type, String name, String word) {
        if (name == null) {
            throw GanetiException.prereq("Missing name for " + word + " tags", ErrorCode.ECODE_INVAL);
        }
        return store.byName(type, name).orElseThrow(() -> GanetiException.prereq(word + " '" + name + "' not known",
                ErrorCode.ECODE_NOENT));
    }

    static Node node(ConfigStore store, String name) {
        return find(store, Node.class, name, "Node");
    }

    static Instance instance(ConfigStore store, String name) {
        return find(store, Instance.class, name, "Instance");
    }

    static NodeGroup group(ConfigStore store, String name) {
        return find(store, NodeGroup.class, name, "Node group");
    }
}
