package org.garnet.api.model;

import java.util.Objects;

/** One {@code minmax} pair of an instance policy. */
public record MinMaxSpec(ISpec min, ISpec max) {
    public MinMaxSpec {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
    }
}
