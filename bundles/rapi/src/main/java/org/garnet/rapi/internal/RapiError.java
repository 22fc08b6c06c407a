package org.garnet.rapi.internal;

/** An HTTP error with Ganeti's body {@code {"code": status, "message": reason, "explain": text}}. */
public final class RapiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String explain;

    public RapiError(int status, String explain) {
        super(reason(status));
        this.status = status;
        this.explain = explain;
    }

    public int status() {
        return status;
    }

    public String explain() {
        return explain;
    }

    /** Python's {@code BaseHTTPServer} reason phrases, which Ganeti's error bodies use as {@code message}. */
    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Request Entity Too Large";
            case 415 -> "Unsupported Media Type";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
