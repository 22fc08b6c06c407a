package org.garnet.rapi.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ganeti's RAPI request handling on a Jetty core handler: HTTP Basic authentication against the users file
 * (reads need a user when authentication is required; writes need the {@code write} option), JSON bodies
 * ({@code 415} for another content type, {@code 400} for bad JSON), JSON answers, and errors as
 * {@code {code, message, explain}} — never a stack trace.
 */
final class RapiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(RapiHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Largest request body accepted (Ganeti's opcodes are small; an instance create is a few KiB). */
    static final long MAX_BODY = 1024 * 1024;

    private final Resources resources;
    private final Users users;
    private final boolean requireAuthentication;

    RapiHandler(Resources resources, Users users, boolean requireAuthentication) {
        this.resources = resources;
        this.users = users;
        this.requireAuthentication = requireAuthentication;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        try {
            Optional<Users.User> user = authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
            List<String> needed = Resources.access(method, path);
            if ((requireAuthentication || !needed.isEmpty()) && user.isEmpty()) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"" + Users.REALM + "\"");
                throw new RapiError(401, "Authentication is required");
            }
            if (!needed.isEmpty() && user.get().options().stream().noneMatch(needed::contains)) {
                throw new RapiError(403, "Permission denied");
            }
            Object body;
            Map<String, List<String>> query;
            try {
                body = body(request, method);
                query = query(request);
            } catch (IllegalArgumentException e) {
                throw new RapiError(400, "Invalid request encoding: " + e.getMessage());
            }
            Object result = resources.handle(method, path, query, body);
            send(response, callback, 200, result instanceof EncodedAnswers.Raw raw ? raw.json()
                    : JSON.writeValueAsBytes(result));
        } catch (RapiError e) {
            error(response, callback, e.status(), e.explain());
        } catch (GanetiException e) {
            int status = e.code() == ErrorCode.ECODE_NOENT ? 404 : e.errorClass().name().startsWith("JobQueue") ? 503
                    : e.code() != null ? 400 : 500;
            error(response, callback, status, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("RAPI {} {} failed", method, path, e);
            error(response, callback, 500, "Internal error: " + e.getClass().getSimpleName());
        }
        return true;
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
            throw new RapiError(401, "Authentication failed");
        }
        return u;
    }

    /** The JSON body, of any method (Ganeti's {@code GET /2/jobs/N/wait} carries one); null when empty. */
    private static Object body(Request request, String method) throws Exception {
        long length = request.getLength();
        if (length > MAX_BODY) {
            throw new RapiError(413, "Request body larger than " + MAX_BODY + " bytes");
        }
        // read the raw bytes (the whole body is consumed even when it is not valid UTF-8), then decode strictly
        java.nio.ByteBuffer raw = Content.Source.asByteBuffer(request);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(raw).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new RapiError(400, "The body is not valid UTF-8");
        }
        if (text != null && text.length() > MAX_BODY) {
            throw new RapiError(413, "Request body larger than " + MAX_BODY + " bytes");
        }
        if (text == null || text.isBlank()) {
            return null;
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            throw new RapiError(415, "Unsupported Content-Type " + type + " (application/json is required)");
        }
        try {
            return JSON.readValue(text, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RapiError(400, "Unable to parse JSON data: " + e.getOriginalMessage());
        }
    }

    private static Map<String, List<String>> query(Request request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Fields fields = Request.extractQueryParameters(request);
        for (Fields.Field f : fields) {
            out.put(f.getName(), new ArrayList<>(f.getValues()));
        }
        return out;
    }

    private static void error(Response response, Callback callback, int status, String explain) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", status);
        body.put("message", RapiError.reason(status));
        body.put("explain", explain);
        send(response, callback, status, JSON.writeValueAsBytes(body));
    }

    private static void send(Response response, Callback callback, int status, byte[] json) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, json.length);
        response.write(true, java.nio.ByteBuffer.wrap(json), callback);
    }
}
