package org.garnet.core.internal.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.garnet.api.model.Node;

/**
 * Calls to a node that swaps its bundle set (gnt-cluster upgrade swaps the nodes but the master one after the other
 * while the queue runs) wait for it: a call the node's daemon did not take is tried again every
 * {@value #RETRY_MILLIS} ms while the node swaps, at most {@value #BOUND_SECONDS} s (the agent's bound and its way
 * back); any other failure, and every failure of a node that does not swap, is the caller's at once.
 */
final class SwapWait implements Transport {
    static final long BOUND_SECONDS = 150;
    static final long RETRY_MILLIS = 200;
    private final Transport inner;
    private final Predicate<String> swapping;

    SwapWait(Transport inner, Predicate<String> swapping) {
        this.inner = inner;
        this.swapping = swapping;
    }

    Transport inner() {
        return inner;
    }

    @Override
    public CompletableFuture<JsonNode> call(Node node, String procedure, List<Object> args, Duration timeout) {
        return attempt(node, procedure, args, timeout, System.nanoTime() + BOUND_SECONDS * 1_000_000_000L);
    }

    private CompletableFuture<JsonNode> attempt(Node node, String procedure, List<Object> args, Duration timeout,
                                                long deadline) {
        return inner.call(node, procedure, args, timeout).handle((value, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(value);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause instanceof Unreachable u && u.untaken() && swapping.test(node.name())
                    && System.nanoTime() < deadline) {
                return CompletableFuture.runAsync(() -> { },
                                CompletableFuture.delayedExecutor(RETRY_MILLIS, TimeUnit.MILLISECONDS))
                        .thenCompose(x -> attempt(node, procedure, args, timeout, deadline));
            }
            return CompletableFuture.<JsonNode>failedFuture(cause);
        }).thenCompose(f -> f);
    }

    @Override
    public Duration patience(Node node) {
        return swapping.test(node.name()) ? Duration.ofSeconds(BOUND_SECONDS) : Duration.ZERO;
    }

    @Override
    public Transport impatient() {
        return inner;
    }

    @Override
    public java.io.InputStream stream(Node node, String path) {
        return inner.stream(node, path);
    }
}
