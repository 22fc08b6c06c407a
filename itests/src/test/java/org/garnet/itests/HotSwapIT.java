package org.garnet.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.garnet.api.config.ConfigStore;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Hot-swap of every driver kind in the built appliance, through its {@code deploy/} folder (Karaf's file
 * installer) and its shell: a hypervisor, a disk template, an ExtStorage provider, an IAllocator and an OS
 * definition. Each one is dropped in and used with no restart; taken out, a job that needs it waits (status
 * {@code waiting}, its log naming the driver) holding no lock — a job locking the same instance runs meanwhile —
 * and goes on when the bundle is back; replaced by a newer version of itself while an instance uses it, nothing
 * fails and the new version serves the next call. The Java drivers are the appliance's own bundles (moved from
 * their feature into {@code deploy/}); the ExtStorage provider and the OS are script-only bundles made here.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT {
    static final String NODE = "node1.example.com";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigStore store;

    @Inject
    private SessionFactory sessionFactory;

    /** The image OS's file, for instances that are not installed (its parameter is still checked). */
    private static final String IMAGE = System.getProperty("karaf.base") + "/hotswap.img";
    /** What makes an instance quickly: not installed, no name checks. */
    private static final String UNINSTALLED = "--no-install -o image -O image_file=" + IMAGE
            + " --no-name-check --no-ip-check";
    private Shell shell;
    private Deploy deploy;

    @Configuration
    public Option[] config() throws Exception {
        // no IAllocator program to stand in for a missing hail bundle (Debian's hail would, by Ganeti's rule)
        File noPrograms = Appliance.directory("no-iallocators");
        return Appliance.options(NODE, 8142, 5092, 1892, Appliance.directory("garnet-hotswap"),
                editConfigurationFilePut("etc/org.garnet.core.cfg", "iallocator.search.path",
                        noPrograms.getAbsolutePath()),
                editConfigurationFilePut("etc/org.garnet.core.cfg", "raft.port", "1893"));
    }

    @Before
    public void cluster() throws Exception {
        shell = new Shell(sessionFactory, context);
        deploy = new Deploy(context, Path.of(System.getProperty("karaf.base"), "deploy"));
        if (!Files.exists(Path.of(IMAGE))) {
            Files.write(Path.of(IMAGE), new byte[4096]);
        }
        if (store.cluster().isEmpty()) {
            String out = shell.run("gnt-cluster init --enabled-hypervisors=fake "
                    + "--enabled-disk-templates=file,diskless,ext --master-netdev=lo localhost");
            assertEquals(out, "", out.trim());
            // hail's N+1 check cannot pass on one node (as ./garnet up does)
            out = shell.run("gnt-cluster modify --default-iallocator=hail "
                    + "--default-iallocator-params=no-capacity-checks");
            assertEquals(out, "", out.trim());
        }
    }

    @Test
    public void aHypervisorBundle() throws Exception {
        byte[] jar = deploy.takeOver("org.garnet.hypervisor.fake");
        String add = started("gnt-instance add -t diskless " + UNINSTALLED + " -n " + NODE, "hv1");
        assertEquals(add, "running", status("hv1"));

        deploy.remove("org.garnet.hypervisor.fake");
        long job = submit("gnt-instance reboot --submit hv1");
        awaitWaiting(job, "Waiting for hypervisor 'fake' on node " + NODE + " (its bundle is not active)");
        noLockHeld(job, "hv1");
        deploy.drop("org.garnet.hypervisor.fake", jar);
        awaitSuccess(job);

        deploy.replace("org.garnet.hypervisor.fake", Deploy.withVersion(jar, "0.1.1.hotswap"));
        assertEquals("the instance runs on through the replacement", "running", status("hv1"));
        String reboot = shell.run("gnt-instance reboot hv1");
        assertEquals(reboot, "running", status("hv1"));
        assertEquals("the newer bundle serves the hypervisor", "0.1.1.hotswap",
                serviceVersion("org.garnet.api.hypervisor.Hypervisor", "(hypervisor.type=fake)"));
        shell.run("gnt-instance remove -f hv1");
    }

    @Test
    public void aDiskTemplateBundle() throws Exception {
        byte[] jar = deploy.takeOver("org.garnet.disk.file");
        String add = started("gnt-instance add -t file -s 1G " + UNINSTALLED + " -n " + NODE, "dt1");
        assertEquals(add, "running", status("dt1"));

        deploy.remove("org.garnet.disk.file");
        long job = submit("gnt-instance shutdown --submit dt1");
        awaitWaiting(job, "Waiting for disk template 'file' on node " + NODE + " (its bundle is not active)");
        noLockHeld(job, "dt1");
        deploy.drop("org.garnet.disk.file", jar);
        awaitSuccess(job);
        assertEquals("ADMIN_down", status("dt1"));

        deploy.replace("org.garnet.disk.file", Deploy.withVersion(jar, "0.1.1.hotswap"));
        String grow = shell.run("gnt-instance grow-disk dt1 0 1G");
        assertTrue(grow, shell.run("gnt-instance list --no-headers -o disk.size/0 dt1").trim().startsWith("2"));
        assertEquals("0.1.1.hotswap",
                serviceVersion("org.garnet.api.storage.DiskTemplate", "(disk.template=file)"));
        shell.run("gnt-instance remove -f dt1");
    }

    @Test
    public void anExtStorageProviderBundle() throws Exception {
        Path pool = Files.createDirectories(Path.of(System.getProperty("karaf.base"), "hsext-pool"));
        deploy.drop(ScriptBundles.EXT, ScriptBundles.extStorage("hsext", "1.0.0", "v1"));
        awaitTrue("hsext in gnt-storage diagnose", () -> shell.quiet("gnt-storage diagnose").contains("hsext"));
        String add = started("gnt-instance add -t ext --disk=0:size=1G,provider=hsext,access=userspace,dir=" + pool
                + " " + UNINSTALLED + " -n " + NODE, "ex1");
        assertEquals(add, "running", status("ex1"));
        assertEquals("v1", marker(pool));

        deploy.remove(ScriptBundles.EXT);
        long job = submit("gnt-instance shutdown --submit ex1");
        awaitWaiting(job, "Waiting for ExtStorage provider 'hsext' on node " + NODE + " (its bundle is not active)");
        noLockHeld(job, "ex1");
        deploy.drop(ScriptBundles.EXT, ScriptBundles.extStorage("hsext", "1.0.0", "v1"));
        awaitSuccess(job);

        deploy.replace(ScriptBundles.EXT, ScriptBundles.extStorage("hsext", "1.1.0", "v2"));
        String modify = shell.run("gnt-instance modify --disk add:size=1G,provider=hsext,access=userspace,dir=" + pool
                + " ex1");
        assertEquals(modify, "2", shell.run("gnt-instance list --no-headers -o disk.count ex1").trim());
        assertEquals("the newer provider made the second volume", "v2", marker(pool));
        shell.run("gnt-instance remove -f ex1");
    }

    @Test
    public void anIAllocatorBundle() throws Exception {
        byte[] jar = deploy.takeOver("org.garnet.iallocator.hail");
        String add = shell.run("gnt-instance add -t diskless " + UNINSTALLED + " "
                + "ia1");
        assertTrue(add, add.contains("Selected nodes for instance ia1 via iallocator hail: " + NODE));

        deploy.remove("org.garnet.iallocator.hail");
        long job = submit("gnt-instance add --submit -t diskless " + UNINSTALLED + " ia2");
        awaitWaiting(job, "Waiting for IAllocator 'hail' (its bundle is not active)");
        String other = shell.run("gnt-instance add -t diskless " + UNINSTALLED + " "
                + "-n " + NODE + " ia3");
        assertEquals("a creation on a given node needs no allocator and runs meanwhile: " + other, "ADMIN_down",
                status("ia3"));
        deploy.drop("org.garnet.iallocator.hail", jar);
        awaitSuccess(job);
        assertEquals("ADMIN_down", status("ia2")); // --no-install: not started (Ganeti's)

        deploy.replace("org.garnet.iallocator.hail", Deploy.withVersion(jar, "0.1.1.hotswap"));
        add = shell.run("gnt-instance add -t diskless " + UNINSTALLED + " ia4");
        assertTrue(add, add.contains("via iallocator hail: " + NODE));
        assertEquals("0.1.1.hotswap",
                serviceVersion("org.garnet.api.iallocator.IAllocator", "(iallocator.name=hail)"));
        for (String i : new String[] {"ia1", "ia2", "ia3", "ia4"}) {
            shell.run("gnt-instance remove -f " + i);
        }
    }

    @Test
    public void anOsDefinitionBundle() throws Exception {
        deploy.drop(ScriptBundles.OS, ScriptBundles.os("hsos", "1.0.0", "v1"));
        awaitTrue("hsos in gnt-os list", () -> shell.quiet("gnt-os list --no-headers").contains("hsos"));
        String add = shell.run("gnt-instance add -t file -s 1G -o hsos --no-name-check --no-ip-check -n " + NODE
                + " os1");
        assertEquals(add, "running", status("os1"));

        deploy.remove(ScriptBundles.OS);
        long job = submit("gnt-instance add --submit -t file -s 1G -o hsos --no-name-check --no-ip-check -n "
                + NODE + " os2");
        awaitWaiting(job, "Waiting for OS definition 'hsos' on node " + NODE + " (its bundle is not active)");
        noLockHeld(job, "os1");
        deploy.drop(ScriptBundles.OS, ScriptBundles.os("hsos", "1.0.0", "v1"));
        awaitSuccess(job);
        assertTrue(shell.run("gnt-job info " + job), shell.run("gnt-job info " + job).contains("installed by v1"));

        deploy.replace(ScriptBundles.OS, ScriptBundles.os("hsos", "1.1.0", "v2"));
        shell.run("gnt-instance shutdown os1");
        long reinstall = submit("gnt-instance reinstall -f --submit os1");
        awaitSuccess(reinstall);
        String info = shell.run("gnt-job info " + reinstall);
        assertTrue("the newer OS bundle ran the reinstall: " + info, info.contains("installed by v2"));
        shell.run("gnt-instance remove -f os1");
        shell.run("gnt-instance remove -f os2");
    }

    // ---- what a user sees ----------------------------------------------------------------------------------

    /** Runs the add command for {@code instance}, then starts it (Ganeti starts no instance it did not install). */
    private String started(String add, String instance) throws Exception {
        return shell.run(add + " " + instance) + shell.run("gnt-instance startup " + instance);
    }

    private String status(String instance) throws Exception {
        return shell.run("gnt-instance list --no-headers -o status " + instance).trim();
    }

    private long submit(String command) throws Exception {
        String out = shell.run(command);
        Matcher m = Pattern.compile("(\\d+)").matcher(out);
        assertTrue("a job id from: " + out, m.find());
        return Long.parseLong(m.group(1));
    }

    private String jobStatus(long job) {
        return shell.quiet("gnt-job list --no-headers -o status " + job).trim();
    }

    private void awaitWaiting(long job, String line) {
        awaitTrue("job " + job + " waiting with the log line \"" + line + "\"", () -> jobStatus(job)
                .equals("waiting") && shell.quiet("gnt-job info " + job).contains(line));
    }

    private void awaitSuccess(long job) {
        awaitTrue("job " + job + " succeeded", () -> {
            String s = jobStatus(job);
            if (s.equals("error") || s.equals("canceled")) {
                throw new AssertionError("job " + job + " ended " + s + ": " + shell.quiet("gnt-job info " + job));
            }
            return s.equals("success");
        });
    }

    /** The waiting job holds no lock: a job locking the same instance runs and ends meanwhile. */
    private void noLockHeld(long waiting, String instance) throws Exception {
        String out = shell.run("gnt-instance add-tags " + instance + " hotswap");
        assertTrue(out, shell.run("gnt-instance list --no-headers -o tags " + instance).contains("hotswap"));
        assertEquals("still waiting", "waiting", jobStatus(waiting));
    }

    private String serviceVersion(String clazz, String filter) throws Exception {
        ServiceReference<?>[] refs = context.getAllServiceReferences(clazz, filter);
        assertTrue(clazz + " " + filter + " is registered", refs != null && refs.length == 1);
        return refs[0].getBundle().getVersion().toString();
    }

    /** What the ExtStorage provider's newest volume says about the version that made it. */
    private static String marker(Path pool) throws Exception {
        Path newest;
        try (var files = Files.list(pool)) {
            newest = files.filter(p -> p.getFileName().toString().endsWith(".made-by"))
                    .max(java.util.Comparator.comparingLong(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new AssertionError("no volume in " + pool));
        }
        return Files.readString(newest).trim();
    }

    static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }
}
