package org.garnet.core.internal.query;

import java.util.function.Function;
import org.garnet.api.query.FieldDefinition;
import org.garnet.api.query.FieldKind;
import org.garnet.api.query.ResultCell;

/** A query field: its definition and how to read it from a row context. */
record Field<C>(FieldDefinition definition, Function<C, ResultCell> getter) {
    static <C> Field<C> of(String name, String title, FieldKind kind, String doc, Function<C, Object> value) {
        return new Field<>(new FieldDefinition(name, title, kind, doc), c -> ResultCell.of(value.apply(c)));
    }

    static <C> Field<C> cell(String name, String title, FieldKind kind, String doc, Function<C, ResultCell> getter) {
        return new Field<>(new FieldDefinition(name, title, kind, doc), getter);
    }
}
