package org.garnet.api.model;

import java.util.Set;
import java.util.TreeSet;

/** A network (IPv4 subnet with optional gateway, IPv6 data and MAC prefix), as Ganeti's gnt-network. */
public record Network(String uuid, String name, long serialNo, double ctime, double mtime, String network,
                      String gateway, String network6, String gateway6, String macPrefix, Set<String> tags)
        implements ConfigObject {
    public Network {
        tags = java.util.Collections.unmodifiableSet(new TreeSet<>(tags));
    }

    @Override
    public Network withMeta(long serialNo, double ctime, double mtime) {
        return new Network(uuid, name, serialNo, ctime, mtime, network, gateway, network6, gateway6, macPrefix,
                tags);
    }
}
