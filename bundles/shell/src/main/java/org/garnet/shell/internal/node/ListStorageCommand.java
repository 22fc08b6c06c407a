package org.garnet.shell.internal.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.query.FieldDefinition;
import org.garnet.api.query.FieldKind;
import org.garnet.api.query.QueryResult;
import org.garnet.api.query.ResultCell;
import org.garnet.shell.internal.format.FieldList;
import org.garnet.shell.internal.format.Table;
import org.garnet.shell.internal.jobs.JobAction;

/**
 * {@code gnt-node list-storage [--storage-type T] [-o FIELDS] [--no-headers] [--separator S] [--units U] [NODE...]}:
 * Ganeti's columns Node, Type, Name, Size, Used, Free, Allocatable; the type defaults to that of the first
 * enabled disk template.
 */
@Service
@Command(scope = "gnt.node", name = "list-storage", description = "Lists the storage units present on nodes")
public class ListStorageCommand extends JobAction {
    private static final List<String> DEFAULTS = List.of("node", "type", "name", "size", "used", "free",
            "allocatable");
    private static final Map<String, String> TITLES = Map.of("node", "Node", "type", "Type", "name", "Name",
            "size", "Size", "used", "Used", "free", "Free", "allocatable", "Allocatable");

    @Reference
    JobQueue queue;
    @Reference
    ConfigStore store;

    @Option(name = "--storage-type", aliases = "-t", description = "Storage type (file, sharedfile, lvm-vg, ...)")
    String type;
    @Option(name = "--output", aliases = "-o", description = "Comma separated list of output fields")
    String output;
    @Option(name = "--no-headers", description = "Don't display column headers")
    boolean noHeaders;
    @Option(name = "--separator", description = "Separator between output fields")
    String separator;
    @Option(name = "--units", description = "Specify units for output (one of h/m/g/t)")
    String units;

    @Argument(name = "node", multiValued = true, description = "Nodes (all if none)")
    List<String> nodes;

    @Override
    protected String tool() {
        return "gnt-node";
    }

    @Override
    protected String command() {
        return "list-storage";
    }

    @Override
    public Object execute() {
        List<String> fields = FieldList.parse(output, DEFAULTS);
        String t = type;
        if (t == null) {
            String first = store.cluster().map(c -> c.enabledDiskTemplates().get(0)).orElse("file");
            t = switch (first) {
                case "plain", "drbd" -> "lvm-vg";
                default -> first;
            };
        }
        List<Object> r = runJob(queue, List.of(OpCode.of("OP_NODE_QUERY_STORAGE", Map.of("output_fields", fields,
                "storage_type", t, "nodes", nodes == null ? List.of() : nodes))));
        if (r == null) {
            return null;
        }
        List<FieldDefinition> defs = fields.stream().map(f -> new FieldDefinition(f, TITLES.getOrDefault(f, f),
                switch (f) {
                    case "size", "used", "free" -> FieldKind.unit;
                    case "allocatable" -> FieldKind.bool;
                    default -> FieldKind.text;
                }, "")).toList();
        List<List<ResultCell>> rows = new ArrayList<>();
        for (Object row : (List<?>) r.get(0)) {
            rows.add(((List<?>) row).stream().map(ResultCell::of).toList());
        }
        Table.format(new QueryResult(defs, rows), units, separator, !noHeaders, false).forEach(System.out::println);
        return null;
    }
}
