package org.garnet.api.config;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.ConfigObject;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The cluster configuration: one cluster object plus node groups, nodes, instances and networks, stored per
 * object. Implemented by the core (SQLite) today; a replicated store can replace it.
 *
 * <p>Contract: a write returns only after it is durable (fsync). Every write increases the written object's
 * {@code serial_no} and sets its {@code mtime}, and increases the cluster's {@code serial_no} too. Reads never
 * wait for writes and see only committed state. Names are unique per object type ({@code ECODE_EXISTS}).
 * Unknown UUIDs give {@code ECODE_NOENT}. All methods are thread-safe.
 */
@ProviderType
public interface ConfigStore {
    /** The cluster, or empty if this node is not part of an initialised cluster. */
    Optional<Cluster> cluster();

    <T extends ConfigObject> List<T> list(Class<T> type);

    <T extends ConfigObject> Optional<T> get(Class<T> type, String uuid);

    <T extends ConfigObject> Optional<T> byName(Class<T> type, String name);

    /** Writes a new cluster and its first objects in one transaction; fails if a cluster exists. */
    void initialize(Cluster cluster, List<? extends ConfigObject> objects);

    /** Adds a new object ({@code serial_no} 1, {@code ctime} = {@code mtime} = now). */
    <T extends ConfigObject> T add(T object);

    /** Applies {@code change} to the current object and stores the result atomically; returns it. */
    <T extends ConfigObject> T update(Class<T> type, String uuid, UnaryOperator<T> change);

    /** Removes an object. */
    void remove(Class<? extends ConfigObject> type, String uuid);

    /** Removes the whole configuration (gnt-cluster destroy). */
    void destroy();
}
