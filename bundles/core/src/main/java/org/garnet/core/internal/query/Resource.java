package org.garnet.core.internal.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.query.FieldDefinition;
import org.garnet.api.query.FieldKind;
import org.garnet.api.query.QueryResult;
import org.garnet.api.query.ResultCell;
import org.garnet.api.query.ResultStatus;

/** A queryable resource: its fields and how to list its row contexts. */
abstract class Resource<C> {
    private final Map<String, Field<C>> fields = new LinkedHashMap<>();

    protected void add(Field<C> field) {
        fields.put(field.definition().name(), field);
    }

    /** Ganeti's word for one object in messages ("Node", "Node group"). */
    protected abstract String word();

    /** The row contexts, sorted by name. */
    protected abstract List<C> rows();

    protected abstract String nameOf(C row);

    /** See {@link org.garnet.api.query.QueryService#version}: none by default. */
    Object version() {
        return null;
    }

    List<FieldDefinition> definitions(List<String> names) {
        if (names.isEmpty()) {
            return fields.values().stream().map(Field::definition).toList();
        }
        return names.stream().map(this::definition).toList();
    }

    private FieldDefinition definition(String name) {
        Field<C> f = fields.get(name);
        return f != null ? f.definition()
                : new FieldDefinition(name, name, FieldKind.unknown, "Unknown field '" + name + "'");
    }

    /** The rows named (all when none), in order; unknown names are {@code ECODE_NOENT}. */
    protected List<C> select(List<String> names) {
        List<C> all = rows();
        List<C> selected = new ArrayList<>();
        if (names.isEmpty()) {
            selected.addAll(all);
        } else {
            for (String name : names) {
                C row = all.stream().filter(r -> nameOf(r).equals(name)).findFirst()
                        .orElseThrow(() -> GanetiException.prereq(word() + " '" + name + "' not known",
                                ErrorCode.ECODE_NOENT));
                if (!selected.contains(row)) {
                    selected.add(row);
                }
            }
        }
        return selected;
    }

    QueryResult query(List<String> fieldNames, List<String> names) {
        return query(fieldNames, names, null);
    }

    /** As {@link #query(List, List)}, keeping only the rows the filter (Ganeti's JSON query language) selects. */
    QueryResult query(List<String> fieldNames, List<String> names, Object qfilter) {
        QueryFilter.Node filter = QueryFilter.compile(qfilter, fields.keySet());
        List<C> selected = select(names);
        List<List<ResultCell>> rows = new ArrayList<>();
        for (C row : selected) {
            if (qfilter != null && !filter.test(f -> fields.get(f).getter().apply(row))) {
                continue;
            }
            List<ResultCell> cells = new ArrayList<>();
            for (String f : fieldNames) {
                Field<C> field = fields.get(f);
                cells.add(field == null ? new ResultCell(ResultStatus.UNKNOWN, null) : field.getter().apply(row));
            }
            rows.add(cells);
        }
        return new QueryResult(definitions(fieldNames), rows);
    }
}
