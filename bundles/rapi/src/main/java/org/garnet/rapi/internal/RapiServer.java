package org.garnet.rapi.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.garnet.api.config.ClusterService;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.query.QueryService;
import org.garnet.api.rapi.RapiCertificate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Ganeti's RAPI daemon in the appliance: a Jetty 12 server of its own (no Pax Web), HTTPS with the RAPI
 * certificate (made at first start when missing), on port 5080 of the configured address, over the same core
 * services the shell uses.
 */
@Component(immediate = true, configurationPid = RapiServer.PID, service = RapiCertificate.class,
        configurationPolicy = org.osgi.service.component.annotations.ConfigurationPolicy.REQUIRE)
@Designate(ocd = RapiServer.Config.class)
public class RapiServer implements RapiCertificate {
    static final String PID = "org.garnet.rapi";

    @ObjectClassDefinition(name = "Garnet RAPI")
    public @interface Config {
        @AttributeDefinition(description = "TCP port (Ganeti: 5080)")
        int port() default 5080;

        @AttributeDefinition(description = "Address to bind")
        String bind_address() default "127.0.0.1";

        @AttributeDefinition(description = "Directory of the certificate and the users file; empty = "
                + "${karaf.base}/var/lib/garnet/rapi")
        String dir() default "";

        @AttributeDefinition(description = "Whether reads need a user too (Ganeti's --require-authentication)")
        boolean require_authentication() default true;
    }

    static final int MAX_THREADS = 256;
    /** A stalled client is dropped after this long without progress. */
    static final long IDLE_TIMEOUT_MS = 30_000;

    /** How often the node's role is looked at (the RAPI opens or closes its sockets when it changes). */
    static final long ROLE_CHECK_MS = 250;

    private final Server server;
    private final MasterConnectors connectors;
    private final java.util.concurrent.ScheduledExecutorService roleWatch;
    private final SslContextFactory.Server ssl;
    private final org.garnet.crypto.KeyStoreFile keyStore;
    private final java.util.List<String> names;
    /** Ganeti's {@code rapi.pem}: the certificate in use, which the master copies to the other nodes. */
    private final Path pem;
    /** {@link #stamp} of {@link #pem} when last looked at. */
    private String pemSeen;

    @Activate
    public RapiServer(@Reference JobQueue jobs, @Reference ClusterService cluster, @Reference QueryService query,
                      Config config) throws Exception {
        Path dir = config.dir().isEmpty()
                ? Path.of(System.getProperty("karaf.base", "."), "var", "lib", "garnet", "rapi") : Path.of(config.dir());
        Files.createDirectories(dir);
        Path users = dir.resolve("users");
        if (!Files.exists(users)) {
            Files.writeString(users, "# <user> <password> [read|write|read,write]  ({CLEARTEXT}pw or {HA1}md5hex)\n");
        }
        keyStore = org.garnet.crypto.KeyStoreFile.in(dir, "rapi");
        names = Certificates.localNames(config.bind_address());
        pem = dir.resolve(Certificates.PEM);
        char[] password = Certificates.ensure(keyStore, pem, names);
        pemSeen = stamp(pem);
        ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(dir.resolve("rapi.p12").toString());
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(new String(password));
        HttpConfiguration http = httpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        // Ganeti serves 20 clients at once; long-polling /2/jobs/N/wait holds a thread for up to 10 s
        QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 8);
        pool.setName("garnet-rapi");
        server = new Server(pool);
        String serverHeader = serverHeader();
        server.setErrorHandler(new JsonErrorHandler(serverHeader));
        server.setHandler(new RapiHandler(Resources.table(jobs, cluster, query), new Users(users),
                config.require_authentication(), serverHeader));
        // started here, so the connectors opened and closed as the role changes share it without stopping it
        ssl.start();
        server.start();
        connectors = new MasterConnectors(server, ssl, http, cluster, config.bind_address(), config.port(),
                IDLE_TIMEOUT_MS);
        connectors.check();
        roleWatch = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "garnet-rapi-role");
            t.setDaemon(true);
            return t;
        });
        roleWatch.scheduleWithFixedDelay(() -> {
            adoptCopiedCertificate();
            connectors.check();
        }, ROLE_CHECK_MS, ROLE_CHECK_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Jetty's HTTP settings for the RAPI: no Jetty server or powered-by header (the handlers send Garnet's). */
    static HttpConfiguration httpConfiguration() {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        return http;
    }

    /** The {@code Server} header: Garnet and its version (Ganeti sends {@code Ganeti 3.0.2}). */
    private static String serverHeader() {
        org.osgi.framework.Bundle bundle = org.osgi.framework.FrameworkUtil.getBundle(RapiServer.class);
        if (bundle == null) {
            return "Garnet";
        }
        org.osgi.framework.Version v = bundle.getVersion();
        return "Garnet " + v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
    }

    @Deactivate
    void deactivate() throws Exception {
        roleWatch.shutdownNow();
        connectors.closeAll();
        server.stop();
        ssl.stop();
    }

    @Override
    public String fingerprint() {
        return Certificates.fingerprint(keyStore);
    }

    @Override
    public java.time.Instant notAfter() {
        return Certificates.notAfter(keyStore);
    }

    /** When {@code rapi.pem} changed (the master copied its certificate here), the server takes it. */
    private synchronized void adoptCopiedCertificate() {
        String now = stamp(pem);
        if (now.equals(pemSeen)) {
            return;
        }
        pemSeen = now;
        try {
            if (Certificates.adopt(keyStore, pem)) {
                char[] password = keyStore.password();
                ssl.reload(f -> f.setKeyStorePassword(new String(password)));
            }
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(RapiServer.class).warn("RAPI certificate copied from the master: {}",
                    e.toString());
        }
    }

    /** The file's size and modification time, to notice a change without reading it. */
    private static String stamp(Path file) {
        try {
            return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Override
    public synchronized void renew() {
        try {
            char[] password = Certificates.create(keyStore, pem, names);
            pemSeen = stamp(pem);
            ssl.reload(f -> f.setKeyStorePassword(new String(password)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot renew the RAPI certificate: " + e.getMessage(), e);
        }
    }
}
