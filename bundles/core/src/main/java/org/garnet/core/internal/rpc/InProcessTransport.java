package org.garnet.core.internal.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.garnet.api.GanetiException;
import org.garnet.api.model.Node;
import org.garnet.core.internal.Json;
import org.garnet.core.internal.noded.NodeProcedures;

/**
 * Node RPC without the network, for unit tests of the logical units: every node is served by one set of local
 * procedures, with arguments and results encoded to JSON and back as over HTTPS.
 */
public final class InProcessTransport implements Transport {
    private static final ObjectMapper JSON = Json.mapper();
    private final NodeProcedures procedures;

    public InProcessTransport(NodeProcedures procedures) {
        this.procedures = procedures;
    }

    @Override
    public CompletableFuture<JsonNode> call(Node node, String procedure, List<Object> args, Duration timeout) {
        try {
            ArrayNode encoded = (ArrayNode) JSON.readTree(JSON.writeValueAsBytes(args));
            Object result;
            JsonNode reply;
            try {
                result = procedures.call(procedure, encoded);
                reply = JSON.readTree(JSON.writeValueAsBytes(Arrays.asList(true, result)));
            } catch (GanetiException e) {
                reply = JSON.valueToTree(Arrays.asList(false, e.getMessage(), e.errorClass().name(),
                        e.code() == null ? null : e.code().name()));
            }
            return CompletableFuture.completedFuture(Replies.result(node, procedure, reply));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
