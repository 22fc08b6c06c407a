package org.garnet.rapi.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Every error the RAPI's port answers, Jetty's own included (a URI or header it refuses, a header block over its
 * limit, an unsupported HTTP version, a failure outside the handler), as Ganeti's JSON body
 * {@code {"code", "message", "explain"}} — never an HTML page and never an empty 500.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final String server;

    JsonErrorHandler(String server) {
        this.server = server;
    }

    static byte[] body(int status, String explain) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", status);
        body.put("message", RapiError.reason(status));
        body.put("explain", explain == null || explain.isBlank() ? RapiError.defaultExplain(status) : explain);
        try {
            return WholeNumbers.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every method gets a body (Jetty's default writes none for PUT and DELETE). */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    /** Errors found while parsing the request (414, 431, 505, a bad header...), before any handler runs. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(new HttpField(HttpHeader.SERVER, server));
        return ByteBuffer.wrap(body(status, explain(status, reason)));
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        byte[] json = body(code, explain(code, message));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.SERVER, server);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, json.length);
        response.write(true, ByteBuffer.wrap(json), callback);
    }

    /** Jetty's reason, when it says more than the status line; else Python's explanation of the status. */
    private static String explain(int status, String reason) {
        if (status >= 500 && status != 501 && status != 505) {
            return RapiError.defaultExplain(status);
        }
        if (reason == null || reason.isBlank() || reason.equalsIgnoreCase(RapiError.reason(status))) {
            return RapiError.defaultExplain(status);
        }
        return reason;
    }
}
