package org.garnet.rapi.internal;

/** An HTTP error with Ganeti's body {@code {"code": status, "message": reason, "explain": text}}. */
public final class RapiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String explain;

    public RapiError(int status, String explain) {
        super(reason(status));
        this.status = status;
        this.explain = explain == null ? defaultExplain(status) : explain;
    }

    public int status() {
        return status;
    }

    public String explain() {
        return explain;
    }

    /** Python's reason phrases ({@code http.HTTPStatus}), which Ganeti's error bodies use as {@code message}. */
    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 411 -> "Length Required";
            case 413 -> "Request Entity Too Large";
            case 414 -> "Request-URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 417 -> "Expectation Failed";
            case 426 -> "Upgrade Required";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> "Error";
        };
    }

    /** Python's default explanation of a status, which Ganeti sends when it has no message of its own. */
    static String defaultExplain(int status) {
        return switch (status) {
            case 400 -> "Bad request syntax or unsupported method";
            case 401 -> "No permission -- see authorization schemes";
            case 403 -> "Request forbidden -- authorization will not help";
            case 404 -> "Nothing matches the given URI";
            case 405 -> "Specified method is invalid for this resource";
            case 408 -> "Request timed out; try again later";
            case 411 -> "Client must specify Content-Length";
            case 413 -> "Entity is too large";
            case 414 -> "URI is too long";
            case 415 -> "Entity body in unsupported format";
            case 417 -> "Expect condition could not be satisfied";
            case 426 -> "Upgrade required";
            case 431 -> "The server refused this request because the request header fields are too large";
            case 500 -> "Server got itself in trouble";
            case 501 -> "Server does not support this operation";
            case 502 -> "Invalid responses from another server/proxy";
            case 503 -> "The server cannot process the request due to a high load";
            case 504 -> "The gateway server did not receive a timely response";
            case 505 -> "Cannot fulfill request";
            default -> "Error " + status;
        };
    }
}
