package org.garnet.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.garnet.api.config.ClusterService;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.query.QueryService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Boots the appliance tarball this build produced, with its own ports and data directory, and checks it from
 * inside: the api and core services are registered and the gnt commands answer through Karaf's shell.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ApplianceIT {

    @Inject
    private BundleContext context;

    @Inject
    private ConfigStore store;

    @Inject
    private ClusterService clusterService;

    @Inject
    private QueryService queryService;

    @Inject
    private SessionFactory sessionFactory;

    @Inject
    private JobQueue jobQueue;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() throws Exception {
        File tarball = new File(System.getProperty("garnet.appliance")).getAbsoluteFile();
        String m2 = System.getProperty("garnet.m2");
        // under target/ (beside the unpacked appliance), not the system's temporary directory: the build's clean
        // removes it
        File target = new File("target").getAbsoluteFile();
        target.mkdirs();
        File dataRoot = Files.createTempDirectory(target.toPath(), "garnet-itest").toFile();
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(tarball.toURI().toString())
                    .name("Garnet")
                    .karafVersion("4.4.10")
                    .unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.WARN),
            // Pax Exam's own bundles come from the local repository the build filled; never from the network.
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", m2),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                    new File(m2).toURI() + "@id=local@snapshots"),
            // Out of the way of a hand-started appliance (8101).
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", "8141"),
            editConfigurationFilePut("etc/org.garnet.rapi.cfg", "port", "5091"),
            editConfigurationFilePut("etc/org.garnet.core.cfg", "data.root", dataRoot.getAbsolutePath()),
            editConfigurationFilePut("etc/org.garnet.core.cfg", "node.name", "node1.example.com"),
            editConfigurationFilePut("etc/org.garnet.core.cfg", "noded.port", "1891"),
        };
    }

    @Test
    public void apiAndCoreServicesAreRegistered() {
        assertNotNull(store);
        assertNotNull(clusterService);
        assertNotNull(queryService);
        assertTrue("the api bundle is active", Arrays.stream(context.getBundles())
                .anyMatch(b -> b.getSymbolicName().equals("org.garnet.api") && b.getState() == 32));
    }

    @Test
    public void gntClusterInitAndInfoThroughTheShell() throws Exception {
        assertEquals("node1.example.com", configAdmin.getConfiguration("org.garnet.core", null)
                .getProperties().get("node.name"));
        if (store.cluster().isEmpty()) {
            assertEquals("", run("gnt-cluster init --enabled-hypervisors=fake --enabled-disk-templates=file,diskless"
                    + " --master-netdev=lo localhost").trim());
        }
        String info = run("gnt-cluster info");
        assertTrue(info, info.contains("Cluster name: localhost\n"));
        assertTrue(info, info.contains("Master node: node1.example.com\n"));
        assertTrue(info, info.contains("Enabled hypervisors: fake\n"));
        String nodes = run("gnt-node list --no-headers -o name,role");
        assertEquals("node1.example.com M", nodes.trim());
        assertEquals("", run("gnt-debug delay 0.01").trim());
        String jobs = run("gnt-job list --no-headers -o status,summary");
        assertTrue(jobs, jobs.contains("success TEST_DELAY(0.01)"));
        assertEquals(jobQueue.stats().lastJobId(), 2L); // 1 is OP_CLUSTER_POST_INIT, submitted by init
        String error = run("gnt-cluster init localhost");
        assertTrue(error, error.contains("Cluster is already initialised"));
    }

    /**
     * The gnt commands are registered by the shell bundle's component once it starts, which may be after the
     * core services the test injects: wait (bounded) for that state, and name the bundles' states if it never
     * comes.
     */
    private void awaitGntCommands() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (sessionFactory.getRegistry().getCommands().stream().noneMatch(c -> c.getName().equals("gnt-cluster"))) {
            if (System.nanoTime() > deadline) {
                StringBuilder states = new StringBuilder();
                Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().startsWith("org.garnet"))
                        .forEach(b -> states.append(b.getSymbolicName()).append('=').append(b.getState()).append(' '));
                throw new AssertionError("the gnt commands were not registered within 60 s; bundles: " + states);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private String run(String command) throws Exception {
        awaitGntCommands();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), print, print);
        try {
            session.execute(command);
        } finally {
            session.close();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
