package org.garnet.htools.model;

/** A user-facing htools error; its message is printed as Ganeti prints it. */
public class HtoolsException extends Exception {
    private static final long serialVersionUID = 1L;

    public HtoolsException(String message) {
        super(message);
    }
}
