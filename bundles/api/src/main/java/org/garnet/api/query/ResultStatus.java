package org.garnet.api.query;

/** Status of one query cell, Ganeti's {@code RS_*} with their numeric wire values. */
public enum ResultStatus {
    NORMAL(0, "normal", ""), UNKNOWN(1, "unknown field", "??"), NODATA(2, "no data", "?"),
    UNAVAIL(3, "not available", "-"), OFFLINE(4, "offline", "*");

    private final int code;
    private final String verbose;
    private final String shortText;

    ResultStatus(int code, String verbose, String shortText) {
        this.code = code;
        this.verbose = verbose;
        this.shortText = shortText;
    }

    public int code() {
        return code;
    }

    /** How a list command shows a cell with this status ({@code --verbose} or not). */
    public String text(boolean verboseText) {
        return verboseText ? verbose : shortText;
    }
}
