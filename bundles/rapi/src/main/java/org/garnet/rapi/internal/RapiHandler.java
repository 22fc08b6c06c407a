package org.garnet.rapi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ganeti's RAPI request handling on a Jetty core handler, in Ganeti's order: the resource and method are found
 * in the routing table (404, 501 before authentication), then HTTP Basic authentication against the users file
 * (401, 403), then the query arguments and the JSON body (400, 413, 415; a stalled body is a 408), then the
 * resource's handler. Every error is Ganeti's {@code {code, message, explain}} — never a stack trace.
 */
final class RapiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(RapiHandler.class);
    /** Largest request body accepted (Ganeti's opcodes are small; an instance create is a few KiB). */
    static final long MAX_BODY = 1024 * 1024;

    private final Routes routes;
    private final Users users;
    private final boolean requireAuthentication;
    private final String server;

    RapiHandler(Routes routes, Users users, boolean requireAuthentication, String server) {
        this.routes = routes;
        this.users = users;
        this.requireAuthentication = requireAuthentication;
        this.server = server;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        response.getHeaders().put(HttpHeader.SERVER, server);
        try {
            Routes.Match match = routes.find(path).orElseThrow(() -> new RapiError(404, null));
            Route.Endpoint endpoint = match.route().endpoint(method);
            if (endpoint == null) {
                throw new RapiError(501, "Method " + method + " is unsupported for path " + path);
            }
            Optional<Users.User> user = authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
            List<String> needed = endpoint.access();
            if ((requireAuthentication || !needed.isEmpty()) && user.isEmpty()) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"" + Users.REALM + "\"");
                throw new RapiError(401, null);
            }
            if (!needed.isEmpty() && user.get().options().stream().noneMatch(needed::contains)) {
                throw new RapiError(403, null);
            }
            QueryArgs args = QueryArgs.parse(request.getHttpURI().getQuery());
            Object body = body(request, response);
            Object result = endpoint.handler().handle(new Call(method, match.params(), args, body,
                    match.route().name()));
            send(response, callback, 200, result instanceof EncodedAnswers.Raw raw ? raw.json()
                    : WholeNumbers.MAPPER.writeValueAsBytes(result));
        } catch (RapiError e) {
            error(response, callback, e.status(), e.explain());
        } catch (GanetiException e) {
            error(response, callback, status(e), e.getMessage());
        } catch (Exception e) {
            LOG.error("RAPI {} {} failed", method, path, e);
            error(response, callback, 500, "Internal error: " + e.getClass().getSimpleName());
        }
        return true;
    }

    /** How a core error reaches the client: Ganeti's mapping of its exceptions to statuses. */
    private static int status(GanetiException e) {
        if (e.code() == ErrorCode.ECODE_NOENT) {
            return 404;
        }
        if (e.errorClass().name().startsWith("JobQueue")) {
            return 503;
        }
        return e.code() != null ? 400 : 500;
    }

    private Optional<Users.User> authenticate(String header) {
        if (header == null) {
            return Optional.empty();
        }
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new RapiError(401, "Only basic authentication is supported");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RapiError(401, "Invalid basic authorization header");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new RapiError(401, "Invalid basic authorization header");
        }
        Optional<Users.User> u = users.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
        if (u.isEmpty()) {
            throw new RapiError(401, null);
        }
        return u;
    }

    /**
     * The JSON body of any method (Ganeti's {@code GET /2/jobs/N/wait} carries one); null when there is none.
     * A body needs Ganeti's content type, {@code application/json} (a {@code charset=utf-8} parameter is accepted
     * too); it is read with a size limit, and a client that stops sending it gets a 408 and a closed connection.
     */
    private static Object body(Request request, Response response) {
        long length = request.getLength();
        if (length > MAX_BODY) {
            throw new RapiError(413, "Request body larger than " + MAX_BODY + " bytes");
        }
        byte[] raw;
        try (InputStream in = Content.Source.asInputStream(request)) {
            raw = in.readNBytes((int) MAX_BODY + 1);
        } catch (IOException | RuntimeException e) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            throw new RapiError(408, "The request body was not received in time");
        }
        if (raw.length > MAX_BODY) {
            throw new RapiError(413, "Request body larger than " + MAX_BODY + " bytes");
        }
        if (raw.length == 0) {
            return null;
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (!isJson(type)) {
            throw new RapiError(415, "Unsupported Content-Type " + type + " (application/json is required)");
        }
        try {
            return WholeNumbers.MAPPER.readValue(raw, Object.class);
        } catch (IOException e) {
            throw new RapiError(400, "Unable to parse JSON data");
        }
    }

    static boolean isJson(String type) {
        if (type == null) {
            return false;
        }
        String t = type.toLowerCase(Locale.ROOT).replace(" ", "");
        return t.equals("application/json") || t.equals("application/json;charset=utf-8")
                || t.equals("application/json;charset=\"utf-8\"");
    }

    private static void error(Response response, Callback callback, int status, String explain) {
        send(response, callback, status, JsonErrorHandler.body(status, explain));
    }

    private static void send(Response response, Callback callback, int status, byte[] json) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, json.length);
        response.write(true, ByteBuffer.wrap(json), callback);
    }
}
