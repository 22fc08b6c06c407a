package org.garnet.itests;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * The appliance tarball this build produced, booted by Pax Exam with ports of its own (out of the way of a
 * hand-started appliance) and a data root under {@code target/}; Pax Exam's own bundles come from the local
 * repository the build filled, never from the network.
 */
final class Appliance {
    private Appliance() {
    }

    /** The options for node {@code node} with these ports and data root, then {@code more}. */
    static Option[] options(String node, int sshPort, int rapiPort, int nodedPort, File dataRoot, Option... more) {
        File tarball = new File(System.getProperty("garnet.appliance")).getAbsoluteFile();
        String m2 = System.getProperty("garnet.m2");
        List<Option> out = new ArrayList<>(List.of(
            karafDistributionConfiguration()
                    .frameworkUrl(tarball.toURI().toString())
                    .name("Garnet")
                    .karafVersion("4.4.10")
                    .unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.WARN),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", m2),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                    new File(m2).toURI() + "@id=local@snapshots"),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(sshPort)),
            editConfigurationFilePut("etc/org.garnet.rapi.cfg", "port", Integer.toString(rapiPort)),
            editConfigurationFilePut("etc/org.garnet.core.cfg", "data.root", dataRoot.getAbsolutePath()),
            editConfigurationFilePut("etc/org.garnet.core.cfg", "node.name", node),
            editConfigurationFilePut("etc/org.garnet.core.cfg", "noded.port", Integer.toString(nodedPort))));
        out.addAll(Arrays.asList(more));
        return out.toArray(new Option[0]);
    }

    /**
     * A new directory under {@code target/} (not the system's temporary directory: the build's clean removes
     * it).
     */
    static File directory(String prefix) throws IOException {
        File target = new File("target").getAbsoluteFile();
        target.mkdirs();
        return Files.createTempDirectory(target.toPath(), prefix).toFile();
    }
}
