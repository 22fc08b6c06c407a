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
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
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
    private static final String SESSION_ADMITTED = "garnet.candidate";
    private Server server;
    private volatile String ownDigest;

    public NodeDaemon(NodeProcedures procedures, Path dataRoot, String address, int port) {
        this.procedures = procedures;
        this.crypto = new NodeCrypto(dataRoot);
        this.ssconf = new Ssconf(dataRoot);
        this.address = address;
        this.port = port;
        procedures.streams().port(port);
    }

    /** Starts (or restarts with the current certificates) when this node has them; stops when it has none. */
    public synchronized void restart() {
        stop();
        if (!crypto.present()) {
            return;
        }
        String own = crypto.fingerprint();
        ownDigest = own;
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(crypto.serverContext(cert -> admit(cert, own),
                reason -> LOG.warn("node daemon: refused a caller: {}", reason)));
        ssl.setNeedClientAuth(true);
        ssl.setIncludeProtocols("TLSv1.2", "TLSv1.3");
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // the caller's certificate on each request: disk imports come from nodes that are not candidates
        http.addCustomizer(new SecureRequestCustomizer(false));
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
        boolean ok = candidate(digest, own) || procedures.streams().expects(digest);
        if (!ok) {
            LOG.warn("node daemon: refused a caller with certificate {} (digest {}): not the master or a master "
                    + "candidate", cert.getSubjectX500Principal().getName(), digest);
        }
        return ok;
    }

    /** Whether {@code digest} is a master candidate's (while the list is empty: this node's own). */
    private boolean candidate(String digest, String own) {
        Map<String, String> allowed = ssconf.candidateCerts();
        return allowed.isEmpty() ? digest.equals(own) : allowed.containsValue(digest);
    }

    /** The caller's certificate digest, from the TLS session of the request. */
    private static String callerDigest(Request request) {
        if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData tls
                && tls.peerCertificates() != null && tls.peerCertificates().length > 0) {
            return NodeCrypto.fingerprint(tls.peerCertificates()[0]);
        }
        return null;
    }

    /**
     * Whether the caller may call procedures: a master candidate (decided once per TLS session, as the handshake
     * does; a node let in only for a disk import may not).
     */
    private boolean mayCall(Request request) {
        if (!(request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData tls)
                || tls.sslSession() == null) {
            return false;
        }
        Object known = tls.sslSession().getValue(SESSION_ADMITTED);
        if (known instanceof Boolean b) {
            return b;
        }
        String digest = callerDigest(request);
        boolean ok = digest != null && candidate(digest, ownDigest);
        tls.sslSession().putValue(SESSION_ADMITTED, ok);
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
            if (name.startsWith("import/")) {
                receive(name.substring("import/".length()), callerDigest(request), request, response, callback);
                return true;
            }
            if (!mayCall(request)) {
                LOG.warn("node daemon: refused {} to a caller that is not the master or a master candidate "
                        + "(digest {})", name, callerDigest(request));
                send(response, callback, 403, fail("Only the master or a master candidate may call " + name,
                        null));
                return true;
            }
            if (name.startsWith("console/")) {
                console(name.substring("console/".length()), response, callback);
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

        /**
         * {@code console/<hypervisor>/<instance>}: the instance's serial console output, streamed until the guest's
         * socket closes or the caller goes away.
         */
        private void console(String what, Response response, Callback callback) {
            String[] parts = what.split("/", 2);
            java.nio.file.Path socket;
            try {
                if (parts.length != 2) {
                    throw GanetiException.exec("Bad console request '" + what + "'");
                }
                socket = procedures.serialSocket(parts[0], parts[1]);
            } catch (GanetiException e) {
                send(response, callback, 404, fail(e.getMessage(), e));
                return;
            }
            ConsolePumps.Subscription sub;
            try {
                sub = procedures.consoles().subscribe(what, socket);
                LOG.info("node daemon: console {} open", what);
            } catch (java.io.IOException e) {
                send(response, callback, 404, fail("Cannot open the console of " + parts[1] + ": " + e.getMessage(),
                        null));
                return;
            }
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
            try (java.io.OutputStream out = Content.Sink.asOutputStream(response)) {
                out.flush(); // the headers go now: the caller knows the console is open before the guest speaks
                List<byte[]> chunks = new ArrayList<>();
                boolean ended = false;
                while (!ended) {
                    byte[] first = sub.chunks().poll(1, java.util.concurrent.TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    // what came meanwhile goes in one write: a guest's serial port gives a few bytes per read, and
                    // a write (a TLS record, then an SSH packet) per few bytes falls behind a booting kernel
                    chunks.clear();
                    chunks.add(first);
                    sub.chunks().drainTo(chunks);
                    java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream();
                    for (byte[] chunk : chunks) {
                        if (chunk.length == 0) {
                            ended = true; // the guest's console closed
                            break;
                        }
                        batch.write(chunk);
                    }
                    out.write(batch.toByteArray());
                    out.flush();
                }
                LOG.info("node daemon: console {} ended by the guest", what);
                callback.succeeded();
            } catch (java.io.IOException e) {
                LOG.info("node daemon: console {} closed: {}", what, e.toString());
                callback.failed(e); // the caller went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                callback.failed(e);
            } finally {
                sub.close().run();
            }
        }

        /** A disk import's data: the request body, streamed to the disk. */
        private void receive(String id, String digest, Request request, Response response, Callback callback) {
            try (InputStream in = Content.Source.asInputStream(request)) {
                Object result = procedures.streams().receive(id, digest, in);
                send(response, callback, 200, JSON.writeValueAsBytes(Arrays.asList(true, result)));
            } catch (GanetiException e) {
                // an error status, so a sender still waiting to send (100-continue) reads the reason
                send(response, callback, 409, fail(e.getMessage(), e));
            } catch (Exception e) {
                LOG.warn("node daemon: import {} failed", id, e);
                send(response, callback, 200, fail(e.getClass().getSimpleName() + ": " + e.getMessage(), null));
            }
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
