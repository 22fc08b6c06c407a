package org.garnet.core.internal.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.garnet.api.GanetiException;
import org.garnet.api.model.Node;
import org.garnet.core.internal.Json;
import org.garnet.core.internal.node.NodeCrypto;

/**
 * Node RPC over HTTPS with mutual TLS (the JDK's HTTP client: HTTP/1.1 keep-alive connections, asynchronous
 * calls, so calls to several nodes go out together). Presents this node's certificate and trusts the cluster's
 * authority only; the client is rebuilt when the certificates change (renew-crypto, join). Each call has its
 * timeout, connecting at most {@value #CONNECT_SECONDS} s (Ganeti's).
 */
public final class HttpsTransport implements Transport {
    static final int CONNECT_SECONDS = 5;
    private static final ObjectMapper JSON = Json.mapper();
    private final NodeCrypto crypto;
    private final Path certificateFile;
    private final int port;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "garnet-rpc");
        t.setDaemon(true);
        return t;
    });
    private HttpClient client;
    private FileTime clientMadeFrom;

    public HttpsTransport(Path dataRoot, int port) {
        this.crypto = new NodeCrypto(dataRoot);
        this.certificateFile = dataRoot.resolve("crypto/node.p12");
        this.port = port;
    }

    private synchronized HttpClient client() {
        FileTime stamp;
        try {
            stamp = Files.getLastModifiedTime(certificateFile);
        } catch (IOException e) {
            throw GanetiException.exec("This node has no cluster certificate (" + certificateFile
                    + "); it cannot call other nodes");
        }
        if (client == null || !stamp.equals(clientMadeFrom)) {
            client = HttpClient.newBuilder().sslContext(crypto.clientContext()).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(CONNECT_SECONDS)).executor(executor).build();
            clientMadeFrom = stamp;
        }
        return client;
    }

    @Override
    public CompletableFuture<JsonNode> call(Node node, String procedure, List<Object> args, Duration timeout) {
        byte[] body;
        HttpClient http;
        try {
            body = JSON.writeValueAsBytes(args);
            http = client();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(GanetiException.exec("cannot encode " + procedure + ": "
                    + e.getMessage()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        String host = node.primaryIp().contains(":") ? "[" + node.primaryIp() + "]" : node.primaryIp();
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://" + host + ":" + port + "/" + procedure))
                .timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, error) -> {
            if (error != null) {
                throw new CompletionException(unreachable(node, procedure, timeout, error));
            }
            JsonNode reply;
            try {
                reply = JSON.readTree(response.body());
            } catch (IOException e) {
                throw new CompletionException(GanetiException.exec("Node " + node.name() + " answered " + procedure
                        + " with HTTP " + response.statusCode() + " and no JSON"));
            }
            try {
                return Replies.result(node, procedure, reply);
            } catch (GanetiException e) {
                throw new CompletionException(e);
            }
        });
    }

    /**
     * A connection of its own for each stream (not the pooled client's): a console closed while the node still
     * streams must take its connection with it, or the next request on a pooled connection would read the rest of
     * the old response (seen: a second console got nothing).
     */
    @Override
    public java.io.InputStream stream(Node node, String path) {
        String host = node.primaryIp().contains(":") ? "[" + node.primaryIp() + "]" : node.primaryIp();
        javax.net.ssl.HttpsURLConnection c;
        try {
            c = (javax.net.ssl.HttpsURLConnection) URI.create("https://" + host + ":" + port + "/" + path).toURL()
                    .openConnection();
            c.setSSLSocketFactory(crypto.clientContext().getSocketFactory());
            c.setConnectTimeout(CONNECT_SECONDS * 1000);
            c.setRequestMethod("POST");
            c.setRequestProperty("Connection", "close");
            c.setDoOutput(true);
            c.getOutputStream().close();
            int status = c.getResponseCode();
            if (status != 200) {
                try (java.io.InputStream err = c.getErrorStream()) {
                    if (err != null) {
                        Replies.result(node, path, JSON.readTree(err)); // throws the node's reason
                    }
                } finally {
                    c.disconnect();
                }
                throw GanetiException.exec("Node " + node.name() + " answered " + path + " with HTTP " + status);
            }
            java.io.InputStream in = c.getInputStream();
            return new java.io.FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        c.disconnect();
                    }
                }
            };
        } catch (IOException e) {
            throw unreachable(node, path, Duration.ofSeconds(CONNECT_SECONDS), e);
        }
    }

    private GanetiException unreachable(Node node, String procedure, Duration timeout, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        // refused, or closed before a byte of the answer (a kept-alive connection the node's daemon closed): the
        // daemon did not take the call
        boolean untaken = cause instanceof java.net.ConnectException
                || cause instanceof java.net.http.HttpConnectTimeoutException
                || (cause instanceof IOException && cause.getMessage() != null
                && cause.getMessage().contains("received no bytes"));
        String why = cause instanceof HttpTimeoutException ? "no answer within " + timeout.toSeconds() + " s"
                : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        if (cause instanceof java.net.ConnectException && (why == null || why.isBlank())) {
            why = "connection refused";
        }
        return new Unreachable("Error while calling " + procedure + " on node " + node.name() + " ("
                + node.primaryIp() + ":" + port + "): " + why, untaken);
    }

    public void close() {
        executor.shutdownNow();
    }
}
