package org.garnet.api.query;

/** Ganeti's query field types ({@code QFT_*}); the lower-case name is the wire name. */
public enum FieldKind {
    unknown, text, bool, number, unit, timestamp, other, number_float
}
