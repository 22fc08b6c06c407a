package org.garnet.api.query;

import java.util.List;

/** A query's answer: the field definitions asked for and one row of cells per object. */
public record QueryResult(List<FieldDefinition> fields, List<List<ResultCell>> rows) {
    public QueryResult {
        fields = List.copyOf(fields);
        rows = List.copyOf(rows);
    }

    /** True if a requested field is unknown (Ganeti's {@code QFT_UNKNOWN}). */
    public boolean hasUnknownFields() {
        return fields.stream().anyMatch(f -> f.kind() == FieldKind.unknown);
    }
}
