package org.garnet.core.internal.lu.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.model.Node;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.jobs.QueueAccess;
import org.garnet.core.internal.os.OsCatalog;
import org.garnet.core.internal.rpc.NodeRpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code OP_OOB_COMMAND} with a real out-of-band program (a script that records its calls and answers as Ganeti's
 * OOB interface says): power status and on/off of the node that has one, "unavailable" for the one without, the
 * master protected, power off refused for a node not marked offline, a program that fails or answers wrongly.
 */
class OobCommandTest {
    static final String N1 = "node1.example.com";
    static final String N2 = "node2.example.com";

    @TempDir
    Path dir;
    QueueAccess f;
    Path calls;
    Path program;

    @BeforeEach
    void setUp() throws IOException {
        f = new QueueAccess(dir);
        Node n1 = f.store().byName(Node.class, N1).orElseThrow();
        calls = dir.resolve("calls");
        program = dir.resolve("oob");
        Files.writeString(program, "#!/bin/sh\necho \"$1 $2\" >> " + calls + "\ncase \"$1\" in\n"
                + "  power-status) echo '{\"powered\": true}' ;;\n  health) echo '[[\"disk\", \"WARNING\"]]' ;;\n"
                + "esac\n");
        program.toFile().setExecutable(true);
        f.store().add(new Node(UUID.randomUUID().toString(), N2, 0, 0, 0, "127.0.0.2", "127.0.0.2", n1.group(),
                false, false, false, true, true, null, Map.of("oob_program", program.toString()), Set.of()));
        f.add(new OobCommandOp(f.store(), NodeRpc.inProcess(new Drivers(new OsCatalog(dir.resolve("os")),
                List.of()), dir)));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private Job run(Map<String, Object> p) {
        return f.awaitFinished(f.queue().submit(List.of(OpCode.of("OP_OOB_COMMAND", p))));
    }

    private static String error(Job j) {
        return String.valueOf(j.ops().get(0).result());
    }

    private void offline(boolean off) {
        String uuid = f.store().byName(Node.class, N2).orElseThrow().uuid();
        f.store().update(Node.class, uuid, n -> Nodes.withRole(n, false, false, off));
    }

    @Test
    void theProgramAnswersForItsNodeAndTheOtherHasNone() throws IOException {
        Job status = run(Map.of("command", "power-status"));
        assertEquals(JobStatus.success, status.status(), error(status));
        assertEquals(List.of(List.of(List.of(0, N1), Arrays.asList(3, null)),
                List.of(List.of(0, N2), List.of(0, Map.of("powered", true)))), status.ops().get(0).result());
        assertEquals("power-status " + N2 + "\n", Files.readString(calls));

        Job health = run(Map.of("command", "health", "node_names", List.of(N2)));
        assertEquals(JobStatus.success, health.status(), error(health));
        assertTrue(health.ops().get(0).log().stream().anyMatch(l -> l.message().equals(" - WARNING: Item 'disk' on "
                + "node '" + N2 + "' has status 'WARNING'")), String.valueOf(health.ops().get(0).log()));
    }

    @Test
    void powerOffNeedsAnOfflineNodeAndNeverTheMaster() throws IOException {
        Job online = run(Map.of("command", "power-off", "node_names", List.of(N2)));
        assertTrue(error(online).contains("Cannot power off node " + N2 + " because it is not marked offline"),
                error(online));
        Job master = run(Map.of("command", "power-off", "node_names", List.of(N1)));
        assertTrue(error(master).contains("Operating on the master node " + N1 + " is not allowed for power-off; it "
                + "does not support out-of-band operations"), error(master));
        offline(true);
        Job off = run(Map.of("command", "power-off", "node_names", List.of(N2)));
        assertEquals(JobStatus.success, off.status(), error(off));
        assertEquals(Boolean.FALSE, f.store().byName(Node.class, N2).orElseThrow().powered());
        Job on = run(Map.of("command", "power-on", "node_names", List.of(N2)));
        assertEquals(JobStatus.success, on.status(), error(on));
        assertEquals(Boolean.TRUE, f.store().byName(Node.class, N2).orElseThrow().powered());
        assertEquals("power-off " + N2 + "\npower-on " + N2 + "\n", Files.readString(calls));
    }

    @Test
    void aFailingOrWronglyAnsweringProgramGivesNoData() throws IOException {
        Files.writeString(program, "#!/bin/sh\necho broken; exit 3\n");
        Job failed = run(Map.of("command", "power-status", "node_names", List.of(N2)));
        assertEquals(JobStatus.success, failed.status(), error(failed));
        assertEquals(List.of(List.of(List.of(0, N2), Arrays.asList(2, null))), failed.ops().get(0).result());
        assertTrue(failed.ops().get(0).log().get(0).message().contains("exited with exit code 3'; output: broken"),
                String.valueOf(failed.ops().get(0).log()));
        Files.writeString(program, "#!/bin/sh\necho '[1]'\n");
        Job wrong = run(Map.of("command", "power-status", "node_names", List.of(N2)));
        assertTrue(wrong.ops().get(0).log().get(0).message().contains("power-status is expected to return a dict"),
                String.valueOf(wrong.ops().get(0).log()));
    }
}
