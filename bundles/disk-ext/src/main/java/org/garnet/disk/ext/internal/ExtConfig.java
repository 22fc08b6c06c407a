package org.garnet.disk.ext.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The ext template's settings (PID {@value #PID}), with the node's data root from the core's configuration
 * ({@code org.garnet.core}'s {@code data.root}).
 */
@ObjectClassDefinition(name = "Garnet ext disk template")
@interface ExtConfig {
    String PID = "org.garnet.disk.ext";

    @AttributeDefinition(description = "The node's data root (org.garnet.core); empty = ${karaf.base}/var/lib/garnet")
    String data_root() default "";

    @AttributeDefinition(description = "ExtStorage search path, directories separated by ':'; empty = "
            + "<data root>/srv/ganeti/extstorage (Ganeti's /srv/ganeti/extstorage under the node's root)")
    String search_path() default "";

    @AttributeDefinition(description = "How long a provider's script may run, in seconds")
    long script_timeout() default 600;
}
