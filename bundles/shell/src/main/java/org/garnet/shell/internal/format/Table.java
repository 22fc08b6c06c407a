package org.garnet.shell.internal.format;

import java.util.ArrayList;
import java.util.List;
import org.garnet.api.query.FieldDefinition;
import org.garnet.api.query.FieldKind;
import org.garnet.api.query.QueryResult;
import org.garnet.api.query.ResultCell;
import org.garnet.api.query.ResultStatus;

/**
 * Ganeti's {@code FormatQueryResult}/{@code FormatTable}: one line per row, columns padded to their widest
 * cell (numbers and units right-aligned, the last left-aligned column not padded) or joined by a separator;
 * units human-readable without a separator, MiB with one, unless {@code --units} says otherwise.
 */
public final class Table {
    private Table() {
    }

    public static List<String> format(QueryResult result, String units, String separator, boolean header,
                                      boolean verbose) {
        String unit = units != null ? units : (separator != null && !separator.isEmpty() ? "m" : "h");
        List<FieldDefinition> fields = result.fields();
        List<String[]> data = new ArrayList<>();
        if (header) {
            data.add(fields.stream().map(FieldDefinition::title).toArray(String[]::new));
        }
        for (List<ResultCell> row : result.rows()) {
            String[] cells = new String[fields.size()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cell(fields.get(i).kind(), row.get(i), unit, verbose);
            }
            data.add(cells);
        }
        if (separator != null) {
            return data.stream().map(r -> String.join(separator, r)).toList();
        }
        int[] width = new int[fields.size()];
        for (String[] r : data) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        if (!fields.isEmpty() && !rightAligned(fields.get(fields.size() - 1).kind())) {
            width[width.length - 1] = 0;
        }
        List<String> lines = new ArrayList<>();
        for (String[] r : data) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                if (i > 0) {
                    line.append(' ');
                }
                String pad = " ".repeat(Math.max(0, width[i] - r[i].length()));
                line.append(rightAligned(fields.get(i).kind()) ? pad + r[i] : r[i] + pad);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * The result with the list values of {@code fields} joined by commas, as Ganeti's tools format those
     * columns ({@code tags}, {@code pinst_list}, ...); every other list column prints as Python's {@code str()}.
     */
    public static QueryResult commaJoined(QueryResult r, java.util.Set<String> fields) {
        List<List<ResultCell>> rows = new java.util.ArrayList<>();
        for (List<ResultCell> row : r.rows()) {
            List<ResultCell> out = new java.util.ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                ResultCell c = row.get(i);
                out.add(fields.contains(r.fields().get(i).name()) && c.status() == ResultStatus.NORMAL
                        && c.value() instanceof List<?> l ? ResultCell.of(String.join(",", l.stream()
                        .map(PyStr::of).toList())) : c);
            }
            rows.add(out);
        }
        return new QueryResult(r.fields(), rows);
    }

    private static boolean rightAligned(FieldKind kind) {
        return kind == FieldKind.number || kind == FieldKind.unit || kind == FieldKind.number_float;
    }

    private static String cell(FieldKind kind, ResultCell c, String unit, boolean verbose) {
        if (c.status() != ResultStatus.NORMAL) {
            return c.status().text(verbose);
        }
        Object v = c.value();
        return switch (kind) {
            case bool -> Boolean.TRUE.equals(v) ? "Y" : "N";
            case unit -> v instanceof Number n ? Units.format(n.longValue(), unit) : PyStr.of(v);
            case timestamp -> v instanceof Number n ? Times.format(n.doubleValue()) : "N/A";
            case other -> PyStr.of(v); // Python's str(): lists as [...] (tools join some columns first)
            default -> PyStr.of(v);
        };
    }
}
