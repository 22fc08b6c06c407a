package org.garnet.core.internal.noded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.garnet.api.GanetiException;
import org.garnet.core.internal.Json;
import org.garnet.core.internal.node.NodeCrypto;
import org.garnet.core.internal.node.Ssconf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ganeti's node daemon in the appliance: Jetty 12, HTTPS on the node daemon port of this node's address, mutual
 * TLS with the cluster's certificates. A caller must present a certificate signed by the cluster's authority
 * whose digest is one of the master candidates' ({@code ssconf_master_candidates_certs}; while that list is
 * empty, only this node's own certificate); anyone else is refused in the handshake, and the refusal logged.
 * {@code POST /<procedure>} with a JSON array of arguments answers {@code [true, result]} or
 * {@code [false, message, error class, error code]}. It runs only while the node belongs to a cluster.
 */
public final class NodeDaemon {
    private static final Logger LOG = LoggerFactory.getLogger(NodeDaemon.class);
    private static final ObjectMapper JSON = Json.mapper();
    private final NodeProcedures procedures;
    private final NodeCrypto crypto;
    private final Ssconf ssconf;
    private final String address;
    private final int port;
    private Server server;

    public NodeDaemon(NodeProcedures procedures, Path dataRoot, String address, int port) {
        this.procedures = procedures;
        this.crypto = new NodeCrypto(dataRoot);
        this.ssconf = new Ssconf(dataRoot);
        this.address = address;
        this.port = port;
    }

    /** Starts (or restarts with the current certificates) when this node has them; stops when it has none. */
    public synchronized void restart() {
        stop();
        if (!crypto.present()) {
            return;
        }
        String own = crypto.fingerprint();
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(crypto.serverContext(cert -> admit(cert, own),
                reason -> LOG.warn("node daemon: refused a caller: {}", reason)));
        ssl.setNeedClientAuth(true);
        ssl.setIncludeProtocols("TLSv1.2", "TLSv1.3");
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        QueuedThreadPool pool = new QueuedThreadPool(64, 4);
        pool.setName("garnet-noded");
        Server s = new Server(pool);
        // the configured address and every other one the node's certificate names (its secondary address)
        java.util.Set<String> addresses = new java.util.LinkedHashSet<>();
        addresses.add(address);
        crypto.addresses().stream().filter(NodeDaemon::bindable).forEach(addresses::add);
        for (String a : addresses) {
            ServerConnector connector = new ServerConnector(s, ssl, new HttpConnectionFactory(http));
            connector.setHost(a);
            connector.setPort(port);
            connector.setIdleTimeout(120_000);
            s.addConnector(connector);
        }
        s.setHandler(new Dispatch());
        try {
            s.start();
        } catch (Exception e) {
            try {
                s.stop();
            } catch (Exception ignored) {
                // it did not start
            }
            throw new IllegalStateException("node daemon: cannot listen on " + address + ":" + port + ": "
                    + e.getMessage(), e);
        }
        server = s;
        LOG.info("node daemon listening on {} port {}", addresses, port);
    }

    /** Whether this host can listen on {@code address} (a certificate may name an address of another host). */
    static boolean bindable(String address) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.bind(new java.net.InetSocketAddress(address, 0));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    public synchronized boolean running() {
        return server != null && server.isRunning();
    }

    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("node daemon: stopping failed: {}", e.getMessage());
            }
            server = null;
        }
    }

    private boolean admit(X509Certificate cert, String own) {
        String digest = NodeCrypto.fingerprint(cert);
        Map<String, String> allowed = ssconf.candidateCerts();
        boolean ok = allowed.isEmpty() ? digest.equals(own) : allowed.containsValue(digest);
        if (!ok) {
            LOG.warn("node daemon: refused a caller with certificate {} (digest {}): not the master or a master "
                    + "candidate", cert.getSubjectX500Principal().getName(), digest);
        }
        return ok;
    }

    /** One request: the procedure named by the path, its arguments from the body. */
    private final class Dispatch extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String name = Request.getPathInContext(request).replaceFirst("^/", "");
            if (!"POST".equals(request.getMethod())) {
                send(response, callback, 400, fail("Only POST is supported", null));
                return true;
            }
            if (!procedures.knows(name)) {
                send(response, callback, 404, fail("Unknown procedure '" + name + "'", null));
                return true;
            }
            try (InputStream in = Content.Source.asInputStream(request)) {
                JsonNode body = JSON.readTree(in);
                ArrayNode args = body instanceof ArrayNode a ? a : JSON.createArrayNode();
                Object result = procedures.call(name, args);
                List<Object> reply = new ArrayList<>(Arrays.asList(true, result));
                send(response, callback, 200, JSON.writeValueAsBytes(reply));
            } catch (GanetiException e) {
                send(response, callback, 200, fail(e.getMessage(), e));
            } catch (Exception e) {
                LOG.warn("node daemon: {} failed", name, e);
                send(response, callback, 200, fail(e.getClass().getSimpleName() + ": " + e.getMessage(), null));
            }
            return true;
        }

        private byte[] fail(String message, GanetiException e) {
            try {
                return JSON.writeValueAsBytes(Arrays.asList(false, message,
                        e == null ? "OpExecError" : e.errorClass().name(),
                        e == null || e.code() == null ? null : e.code().name()));
            } catch (Exception x) {
                return "[false, \"internal error\"]".getBytes(StandardCharsets.UTF_8);
            }
        }

        private void send(Response response, Callback callback, int status, byte[] body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }
}
