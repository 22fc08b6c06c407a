package org.garnet.shell.internal.format;

import java.util.List;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.query.FieldDefinition;
import org.garnet.api.query.FieldKind;
import org.garnet.api.query.QueryResult;
import org.garnet.api.query.QueryService;
import org.garnet.api.query.ResultCell;

/** Ganeti's {@code GenericList} and {@code GenericListFields} over the query service. */
public final class ListOutput {
    /** Ganeti's exit code when a query names unknown fields. */
    public static final int EXIT_UNKNOWN_FIELD = 14;

    private final QueryService query;
    private final String resource;
    private final List<String> defaults;

    public ListOutput(QueryService query, String resource, List<String> defaults) {
        this.query = query;
        this.resource = resource;
        this.defaults = defaults;
    }

    /** Prints the table; returns the exit code (null = success). */
    public Integer print(String output, List<String> names, String units, String separator, boolean header,
                         boolean verbose) {
        return print(output, names, false, units, separator, header, verbose);
    }

    /**
     * Prints the table; with {@code filter} ({@code -F}) the single argument is a query-language expression
     * instead of names, as in Ganeti. Returns the exit code (null = success).
     */
    public Integer print(String output, List<String> names, boolean filter, String units, String separator,
                         boolean header, boolean verbose) {
        if (units != null && !Units.valid(units)) {
            throw GanetiException.prereq("Invalid unit specified '" + units + "'", ErrorCode.ECODE_INVAL);
        }
        List<String> fields = FieldList.parse(output, defaults);
        QueryResult result;
        if (filter) {
            if (names == null || names.size() != 1) {
                throw GanetiException.prereq("Exactly one argument must be given as a filter",
                        ErrorCode.ECODE_INVAL);
            }
            Object qfilter = QueryLanguage.parse(names.get(0));
            result = query.query(resource, fields, qfilter);
        } else {
            result = query.query(resource, fields, names == null ? List.of() : names);
        }
        List<String> unknown = result.fields().stream().filter(f -> f.kind() == FieldKind.unknown)
                .map(FieldDefinition::name).toList();
        if (!unknown.isEmpty()) {
            Streams.err().println("Warning: Queried for unknown fields " + String.join(", ", unknown));
        }
        Table.format(Table.commaJoined(result, COMMA_JOINED.getOrDefault(resource, java.util.Set.of())), units,
                separator, header, verbose).forEach(System.out::println);
        return unknown.isEmpty() ? null : EXIT_UNKNOWN_FIELD;
    }

    /** The list columns each of Ganeti's list commands joins with commas (its {@code format_override}). */
    public static final java.util.Map<String, java.util.Set<String>> COMMA_JOINED = java.util.Map.of(
            "instance", java.util.Set.of("tags", "disk.sizes", "nic.macs", "nic.ips", "nic.modes", "nic.links",
                    "nic.bridges", "nic.networks", "snodes", "snodes.group", "snodes.group.uuid"),
            "node", java.util.Set.of("pinst_list", "sinst_list", "tags"),
            "group", java.util.Set.of("node_list", "pinst_list"),
            "job", java.util.Set.of("summary"));

    /** Ganeti's {@code NiceSort}: digit runs compare as numbers ({@code disk.size/2} before {@code disk.size/10}). */
    public static int niceCompare(String a, String b) {
        java.util.regex.Matcher x = NICE.matcher(a);
        java.util.regex.Matcher y = NICE.matcher(b);
        while (x.find() && y.find()) {
            String p = x.group();
            String q = y.group();
            int c = Character.isDigit(p.charAt(0)) && Character.isDigit(q.charAt(0))
                    ? new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q)) : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static final java.util.regex.Pattern NICE = java.util.regex.Pattern.compile("\\d+|\\D+");

    /** The name Ganeti's list-fields gives a field's kind. */
    static String typeName(FieldKind kind) {
        return switch (kind) {
            case text -> "Text";
            case number -> "Number";
            case bool -> "Boolean";
            case unit -> "Storage size";
            case timestamp -> "Timestamp";
            case other -> "Custom";
            case number_float -> "Floating-point number";
            case unknown -> "Unknown";
        };
    }

    /** Prints field definitions as Ganeti's list-fields (by name): Name, Type, Title, Description. */
    public static Integer printFields(QueryService query, String resource, List<String> names, String separator,
                                      boolean header) {
        List<FieldDefinition> defs = query.fields(resource, names == null ? List.of() : names);
        List<FieldDefinition> columns = List.of(new FieldDefinition("name", "Name", FieldKind.text, ""),
                new FieldDefinition("type", "Type", FieldKind.text, ""),
                new FieldDefinition("title", "Title", FieldKind.text, ""),
                new FieldDefinition("description", "Description", FieldKind.text, ""));
        if (names == null || names.isEmpty()) {
            defs = defs.stream().sorted(java.util.Comparator.comparing(FieldDefinition::name, ListOutput::niceCompare))
                    .toList();
        }
        List<List<ResultCell>> rows = defs.stream().map(d -> List.of(ResultCell.of(d.name()),
                ResultCell.of(typeName(d.kind())), ResultCell.of(d.title()), ResultCell.of(d.doc()))).toList();
        Table.format(new QueryResult(columns, rows), null, separator, header, false).forEach(System.out::println);
        boolean unknown = defs.stream().anyMatch(d -> d.kind() == FieldKind.unknown);
        if (unknown) {
            Streams.err().println("Warning: Queried for unknown fields " + String.join(", ", defs.stream()
                    .filter(d -> d.kind() == FieldKind.unknown).map(FieldDefinition::name).toList()));
        }
        return unknown ? EXIT_UNKNOWN_FIELD : null;
    }
}
