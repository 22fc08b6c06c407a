package org.garnet.core.internal.query;

import java.util.function.Supplier;

/** Computes a value at most once, on first use (live node data is costly and often not asked for). */
final class Memo<T> implements Supplier<T> {
    private final Supplier<T> source;
    private boolean done;
    private T value;

    Memo(Supplier<T> source) {
        this.source = source;
    }

    @Override
    public synchronized T get() {
        if (!done) {
            value = source.get();
            done = true;
        }
        return value;
    }
}
