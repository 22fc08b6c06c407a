package org.garnet.shell.internal.backup;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.query.FieldDefinition;
import org.garnet.api.query.FieldKind;
import org.garnet.api.query.QueryResult;
import org.garnet.api.query.QueryService;
import org.garnet.shell.internal.format.FieldList;
import org.garnet.shell.internal.format.ListOutput;
import org.garnet.shell.internal.format.Streams;
import org.garnet.shell.internal.format.Table;

/**
 * {@code gnt-backup list [--node NODE]... [-o FIELDS] [--no-headers] [--separator S]}: one line per export per
 * node ({@code node}, {@code export}); a node that cannot tell shows {@code ?}.
 */
@Service
@Command(scope = "gnt.backup", name = "list", description = "Lists instance exports available in the ganeti cluster")
public class ListCommand implements Action {
    @Reference
    QueryService query;

    @Option(name = "--node", aliases = "-n", multiValued = true, description = "Use only this node (can be used "
            + "multiple times, if not given defaults to all nodes)")
    List<String> nodes;
    @Option(name = "--output", aliases = "-o", description = "Comma separated list of output fields")
    String output;
    @Option(name = "--no-headers", description = "Don't display column headers")
    boolean noHeaders;
    @Option(name = "--separator", description = "Separator between output fields")
    String separator;
    @Option(name = "--units", description = "Specify units for output (one of h/m/g/t)")
    String units;
    @Option(name = "--verbose", aliases = "-v", description = "Increase the verbosity of the operation")
    boolean verbose;

    @Override
    public Object execute() {
        List<String> fields = FieldList.parse(output, List.of("node", "export"));
        QueryResult r = query.query("export", fields, nodes == null ? List.of() : nodes);
        List<String> unknown = r.fields().stream().filter(f -> f.kind() == FieldKind.unknown)
                .map(FieldDefinition::name).toList();
        if (!unknown.isEmpty()) {
            Streams.err().println("Warning: Queried for unknown fields " + String.join(", ", unknown));
        }
        Table.format(r, units, separator, !noHeaders, verbose).forEach(System.out::println);
        return unknown.isEmpty() ? null : ListOutput.EXIT_UNKNOWN_FIELD;
    }
}
