package org.garnet.core.internal.rpc;

import org.garnet.api.ErrorClass;
import org.garnet.api.GanetiException;

/**
 * A call that did not get an answer from its node (Ganeti's "Error while calling ..."); {@link #untaken()} when the
 * node's daemon certainly did not take it (the connection was refused, or closed before any byte of an answer),
 * so that trying it again cannot run it twice.
 */
final class Unreachable extends GanetiException {
    private static final long serialVersionUID = 1L;
    private final boolean untaken;

    Unreachable(String message, boolean untaken) {
        super(ErrorClass.OpExecError, message, null);
        this.untaken = untaken;
    }

    boolean untaken() {
        return untaken;
    }
}
