package org.garnet.api.iallocator;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An instance allocator speaking Ganeti's IAllocator protocol (version 2): it receives the request document
 * (cluster, nodegroups, nodes, instances, and {@code request} of type allocate, relocate, change-group,
 * node-evacuate or multi-allocate) and answers {@code {"success": bool, "info": str, "result": ...}}. Both are
 * JSON text so that external allocator programs and in-process ones are interchangeable. Registered with the
 * property {@value #NAME} ({@code hail}, or an external program's name).
 *
 * <p>Threading: may be called concurrently. A call should finish within seconds; the core applies a timeout.
 * Errors: a request it cannot handle is answered with {@code success=false}; exceptions are internal errors.
 */
@ConsumerType
public interface IAllocator {
    /** Service property naming the allocator. */
    String NAME = "iallocator.name";

    /** Answers one IAllocator request (JSON text) with a response (JSON text). */
    String run(String requestJson);

    /**
     * As {@link #run(String)}, with the cluster's or the command's allocator parameters as a program would get
     * them on its command line ({@code --no-capacity-checks}, {@code --key=value}). By default they are ignored.
     */
    default String run(String requestJson, java.util.List<String> arguments) {
        return run(requestJson);
    }
}
