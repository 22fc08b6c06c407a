package org.garnet.rapi.internal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ClusterService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RAPI listens only on the master, as Ganeti's RAPI daemon runs only there: on the configured address and,
 * when it is another one, on the cluster IP. {@link #check()} opens or closes the listening sockets to match the
 * node's role now; a node that is not (or no longer) the master refuses connections.
 */
final class MasterConnectors {
    private static final Logger LOG = LoggerFactory.getLogger(MasterConnectors.class);
    private final Server server;
    private final SslContextFactory.Server ssl;
    private final HttpConfiguration http;
    private final ClusterService cluster;
    private final String bindAddress;
    private final int port;
    private final long idleTimeoutMs;
    private final Map<String, ServerConnector> open = new LinkedHashMap<>();
    private final Set<String> failed = new LinkedHashSet<>();

    MasterConnectors(Server server, SslContextFactory.Server ssl, HttpConfiguration http, ClusterService cluster,
                     String bindAddress, int port, long idleTimeoutMs) {
        this.server = server;
        this.ssl = ssl;
        this.http = http;
        this.cluster = cluster;
        this.bindAddress = bindAddress;
        this.port = port;
        this.idleTimeoutMs = idleTimeoutMs;
    }

    /** The addresses the RAPI should listen on now. */
    Set<String> wanted() {
        Set<String> hosts = new LinkedHashSet<>();
        try {
            cluster.requireMaster();
        } catch (GanetiException e) {
            return hosts; // another node is the master
        }
        hosts.add(bindAddress);
        if (!bindAddress.equals("0.0.0.0") && !bindAddress.equals("::")) {
            try {
                String ip = cluster.cluster().masterIp();
                if (ip != null && !ip.isBlank()) {
                    hosts.add(ip);
                }
            } catch (GanetiException e) {
                // no cluster yet: the configured address alone
            }
        }
        return hosts;
    }

    synchronized void check() {
        Set<String> wanted = wanted();
        for (var it = open.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!wanted.contains(e.getKey())) {
                close(e.getValue());
                it.remove();
                LOG.info("RAPI no longer listening on {}:{} (this node is not the master)", e.getKey(), port);
            }
        }
        for (String host : wanted) {
            if (!open.containsKey(host)) {
                ServerConnector c = new ServerConnector(server, ssl, new HttpConnectionFactory(http));
                c.setHost(host);
                c.setPort(port);
                c.setIdleTimeout(idleTimeoutMs);
                server.addConnector(c);
                try {
                    c.start();
                    open.put(host, c);
                    failed.remove(host);
                    LOG.info("RAPI listening on {}:{}", host, port);
                } catch (Exception ex) {
                    server.removeConnector(c);
                    if (failed.add(host)) { // said once, tried again on every check
                        LOG.warn("RAPI cannot listen on {}:{}: {}", host, port, ex.getMessage());
                    }
                }
            }
        }
    }

    synchronized void closeAll() {
        open.values().forEach(this::close);
        open.clear();
    }

    private void close(ServerConnector c) {
        try {
            c.stop();
        } catch (Exception e) {
            LOG.warn("RAPI connector on {}:{} did not stop cleanly: {}", c.getHost(), port, e.getMessage());
        }
        server.removeConnector(c);
    }
}
