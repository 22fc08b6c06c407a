package org.garnet.api;

/** A parameter a plugin accepts: its name and a one-line description (as in Ganeti's {@code parameters.list}). */
public record ParamDoc(String name, String description) {
}
