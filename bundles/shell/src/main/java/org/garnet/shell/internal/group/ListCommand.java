package org.garnet.shell.internal.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.query.FieldDefinition;
import org.garnet.api.query.FieldKind;
import org.garnet.api.query.QueryResult;
import org.garnet.api.query.QueryService;
import org.garnet.api.query.ResultCell;
import org.garnet.api.query.ResultStatus;
import org.garnet.shell.internal.format.FieldList;
import org.garnet.shell.internal.format.ListOutput;
import org.garnet.shell.internal.format.Streams;
import org.garnet.shell.internal.format.Table;

/**
 * {@code gnt-group list [-o FIELDS] [--no-headers] [--separator S] [GROUP...]}: default fields {@code name,
 * node_cnt, pinst_cnt, alloc_policy, ndparams}; node parameters as {@code key=value,...} (Ganeti's _FmtDict).
 */
@Service
@Command(scope = "gnt.group", name = "list", description = "Lists the node groups in the cluster")
public class ListCommand implements Action {
    /** The order in which Ganeti's configuration holds node parameters. */
    private static final List<String> ND_ORDER = List.of("oob_program", "spindle_count", "exclusive_storage", "ovs",
            "ovs_name", "ovs_link", "ssh_port", "cpu_speed");
    private static final List<String> DEFAULTS = List.of("name", "node_cnt", "pinst_cnt", "alloc_policy", "ndparams");

    @Reference
    QueryService query;

    @Option(name = "--output", aliases = "-o", description = "Comma separated list of output fields")
    String output;
    @Option(name = "--no-headers", description = "Don't display column headers")
    boolean noHeaders;
    @Option(name = "--separator", description = "Separator between output fields")
    String separator;
    @Option(name = "--filter", aliases = "-F", description = "Treat the argument as a query filter expression")
    boolean filter;
    @Option(name = "--verbose", aliases = "-v", description = "Increase the verbosity of the operation")
    boolean verbose;

    @Argument(name = "group", multiValued = true, description = "Groups to list (all if none)")
    List<String> names;

    @Override
    public Object execute() {
        List<String> fields = FieldList.parse(output, DEFAULTS);
        QueryResult r;
        if (filter) {
            if (names == null || names.size() != 1) {
                throw org.garnet.api.GanetiException.prereq("Exactly one argument must be given as a filter",
                        org.garnet.api.ErrorCode.ECODE_INVAL);
            }
            r = query.query("group", fields, (Object) org.garnet.shell.internal.format.QueryLanguage.parse(
                    names.get(0)));
        } else {
            r = query.query("group", fields, names == null ? List.of() : names);
        }
        List<List<ResultCell>> rows = new ArrayList<>();
        for (List<ResultCell> row : r.rows()) {
            List<ResultCell> out = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                ResultCell c = row.get(i);
                if (fields.get(i).equals("ndparams") && c.status() == ResultStatus.NORMAL && c.value() instanceof Map<?, ?> m) {
                    // Ganeti's _FmtDict: "key=value, ..." in the order of its node parameters
                    List<Object> keys = new ArrayList<>(m.keySet());
                    keys.sort(java.util.Comparator.comparingInt((Object k) -> ND_ORDER.indexOf(String.valueOf(k))
                            < 0 ? ND_ORDER.size() : ND_ORDER.indexOf(String.valueOf(k))).thenComparing(String::valueOf));
                    List<String> kv = new ArrayList<>();
                    keys.forEach(k -> kv.add(k + "=" + org.garnet.shell.internal.format.PyStr.of(m.get(k))));
                    out.add(ResultCell.of(String.join(", ", kv)));
                } else {
                    out.add(c);
                }
            }
            rows.add(out);
        }
        List<String> unknown = r.fields().stream().filter(f -> f.kind() == FieldKind.unknown)
                .map(FieldDefinition::name).toList();
        if (!unknown.isEmpty()) {
            Streams.err().println("Warning: Queried for unknown fields " + String.join(", ", unknown));
        }
        Table.format(Table.commaJoined(new QueryResult(r.fields(), rows), ListOutput.COMMA_JOINED.get("group")), null,
                separator, !noHeaders, verbose)
                .forEach(System.out::println);
        return unknown.isEmpty() ? null : ListOutput.EXIT_UNKNOWN_FIELD;
    }
}
