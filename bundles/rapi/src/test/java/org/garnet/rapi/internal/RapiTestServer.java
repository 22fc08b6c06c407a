package org.garnet.rapi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.garnet.api.ErrorClass;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ClusterService;
import org.garnet.api.jobs.CancelResult;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.query.FieldDefinition;
import org.garnet.api.query.FieldKind;
import org.garnet.api.query.QueryResult;
import org.garnet.api.query.QueryService;
import org.garnet.api.query.ResultCell;

/**
 * The RAPI's real Jetty handler and error handler on a loopback port (plain HTTP: TLS is covered by the
 * appliance's rapi-test.sh), over core services that record what they are asked: the submitted jobs, and one
 * instance {@code web1} (an {@code OP_INSTANCE_*} on another name fails validation as the queue would).
 */
final class RapiTestServer implements AutoCloseable {
    static final String USER = "admin";
    static final String PASSWORD = "secret";

    final List<List<OpCode>> submitted = new ArrayList<>();
    private final Server server;
    private final int port;

    RapiTestServer(Path dir) throws Exception {
        Path users = dir.resolve("users");
        Files.writeString(users, USER + " " + PASSWORD + " write\nreader pw read\n");
        server = new Server();
        ServerConnector connector = new ServerConnector(server,
                new HttpConnectionFactory(RapiServer.httpConfiguration()));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(1_500);
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrorHandler("Garnet test"));
        server.setHandler(new RapiHandler(Resources.table(queue(), cluster(), query()), new Users(users), false,
                "Garnet test"));
        server.start();
        port = connector.getLocalPort();
    }

    int port() {
        return port;
    }

    @SuppressWarnings("unchecked")
    private JobQueue queue() {
        return (JobQueue) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JobQueue.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "parseOpCode" -> {
                        Map<String, Object> json = new LinkedHashMap<>((Map<String, Object>) args[0]);
                        yield OpCode.of((String) json.remove("OP_ID"), json);
                    }
                    case "submit" -> {
                        List<OpCode> ops = (List<OpCode>) args[0];
                        for (OpCode op : ops) {
                            if ("bogus".equals(op.params().get("reboot_type"))) {
                                throw GanetiException.prereq("Parameter 'OP_INSTANCE_REBOOT.reboot_type' fails "
                                        + "validation (expected one of soft, hard, full; got 'bogus')",
                                        ErrorCode.ECODE_INVAL);
                            }
                        }
                        submitted.add(ops);
                        yield 42L;
                    }
                    case "job" -> Optional.empty();
                    case "cancel" -> new CancelResult(false, "Job " + args[0] + " not found");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private ClusterService cluster() {
        return (ClusterService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ClusterService.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private QueryService query() {
        return (QueryService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {QueryService.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "fields" -> List.of(new FieldDefinition("name", "Instance", FieldKind.text, "Name"),
                            new FieldDefinition("oper_state", "Running", FieldKind.bool, "Running"),
                            new FieldDefinition("tags", "Tags", FieldKind.other, "Tags"),
                            new FieldDefinition("beparams", "BeParams", FieldKind.other, "Backend parameters"),
                            new FieldDefinition("console", "Console", FieldKind.other, "Console"));
                    case "version" -> null;
                    case "query" -> {
                        Object names = args[2];
                        if (names instanceof List<?> l && !l.isEmpty() && !l.contains("web1")) {
                            throw new GanetiException(ErrorClass.OpPrereqError, "Instance '" + l.get(0)
                                    + "' not known", ErrorCode.ECODE_NOENT);
                        }
                        List<String> fields = (List<String>) args[1];
                        List<FieldDefinition> defs = fields.stream().map(f -> new FieldDefinition(f, f,
                                FieldKind.other, f)).toList();
                        List<ResultCell> row = fields.stream().map(f -> ResultCell.of(switch (f) {
                            case "name" -> "web1";
                            case "oper_state" -> false;
                            case "tags" -> List.of("a");
                            case "beparams" -> Map.of("maxmem", 128, "minmem", 128);
                            default -> null;
                        })).toList();
                        yield new QueryResult(defs, List.of(row));
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A raw HTTP/1.1 exchange: {@code head} is the request line and headers (CRLF added), then {@code body}. */
    Response raw(String head, byte[] body, boolean auth) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            String h = head + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + (auth ? "Authorization: Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8)) + "\r\n" : "") + "\r\n";
            out.write(h.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Response.parse(all);
        }
    }

    /** A request with a JSON body (or none) and the test user's credentials. */
    Response call(String method, String target, String json) throws IOException {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        return raw(method + " " + target + " HTTP/1.1\r\nContent-Length: " + body.length
                + (json == null ? "" : "\r\nContent-Type: application/json"), body, true);
    }

    record Response(int status, Map<String, String> headers, String body) {
        static Response parse(String all) {
            int end = all.indexOf("\r\n\r\n");
            String[] lines = all.substring(0, Math.max(end, 0)).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).toLowerCase(), lines[i].substring(colon + 1).strip());
            }
            return new Response(status, headers, end < 0 ? "" : all.substring(end + 4));
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
