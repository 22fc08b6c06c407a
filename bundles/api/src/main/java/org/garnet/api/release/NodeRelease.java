package org.garnet.api.release;

import java.util.List;

/**
 * What a node said of its releases ({@link Releases}): the version it runs and those installed there, oldest
 * first; or, when it could not say, {@code error} (offline, not answering, no release service) and nothing else.
 */
public record NodeRelease(String node, String running, List<String> installed, String error) {
    public NodeRelease {
        installed = installed == null ? List.of() : List.copyOf(installed);
    }

    public static NodeRelease failed(String node, String error) {
        return new NodeRelease(node, null, List.of(), error);
    }
}
