package org.garnet.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the core (PID {@code org.garnet.core}, file {@code etc/org.garnet.core.cfg}). Components that
 * read it require it, so they never start on defaults and switch when the file is read a moment later. DS maps
 * each method name to a property by turning {@code _} into {@code .}: the keys are {@code data.root},
 * {@code node.name}, {@code node.address}, {@code noded.port}, {@code file.storage.dir},
 * {@code iallocator.search.path}.
 */
@ObjectClassDefinition(name = "Garnet core", description = "Data root and node identity of this appliance")
public @interface CoreConfig {
    String PID = "org.garnet.core";

    @AttributeDefinition(description = "Directory of the configuration database, certificates and storage; "
            + "empty = ${karaf.base}/var/lib/garnet")
    String data_root() default "";

    @AttributeDefinition(description = "This node's name; empty = the host name")
    String node_name() default "";

    @AttributeDefinition(description = "This node's primary IP address (its appliance binds here)")
    String node_address() default "127.0.0.1";

    @AttributeDefinition(description = "TCP port of the node daemon, the same on every node of a cluster "
            + "(Ganeti: 1811)")
    int noded_port() default 1811;

    @AttributeDefinition(description = "Where this node keeps the cluster's file storage directory when not at the "
            + "cluster's path (appliances sharing a machine each keep their own); empty = the cluster's path")
    String file_storage_dir() default "";

    @AttributeDefinition(description = "Where IAllocator programs are looked for after <data root>/iallocators, "
            + "colon-separated (Ganeti's IALLOCATOR_SEARCH_PATH); empty = Ganeti's directories and Debian's")
    String iallocator_search_path() default "";
}
