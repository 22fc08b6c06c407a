package org.garnet.core.internal.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.garnet.api.GanetiException;
import org.garnet.api.model.Node;

/**
 * How a node RPC reaches a node: HTTPS with mutual TLS to its node daemon ({@link HttpsTransport}); tests of the
 * logical units may use {@link InProcessTransport}, which still goes through JSON both ways.
 */
public interface Transport {
    /** Calls {@code procedure} on {@code node}; the future completes with the result or a {@code GanetiException}. */
    CompletableFuture<JsonNode> call(Node node, String procedure, List<Object> args, Duration timeout);

    /**
     * A stream the node's daemon serves at {@code path} (a console's output): open until either side closes it;
     * a refusal is a {@code GanetiException} with the node's reason.
     */
    /** How much longer than its timeout a call to {@code node} may take now (it waits for the node's swap). */
    default Duration patience(Node node) {
        return Duration.ZERO;
    }

    /** This transport without waiting for nodes that swap (liveness probes answer at once). */
    default Transport impatient() {
        return this;
    }

    default java.io.InputStream stream(Node node, String path) {
        throw GanetiException.exec("Node " + node.name() + " cannot be streamed from over this transport");
    }
}
