package org.garnet.api.query;

/** A query field: name, column title, kind and description (Ganeti's {@code QueryFieldDefinition}). */
public record FieldDefinition(String name, String title, FieldKind kind, String doc) {
}
