package org.garnet.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import javax.inject.Inject;
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
        return Appliance.options("node1.example.com", 8141, 5091, 1891, Appliance.directory("garnet-itest"));
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

    private String run(String command) throws Exception {
        return new Shell(sessionFactory, context).run(command);
    }
}
