package org.garnet.core.internal.lu.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.garnet.api.hypervisor.Hypervisor;
import org.garnet.api.iallocator.IAllocator;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.model.Instance;
import org.garnet.api.storage.DiskTemplate;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.jobs.QueueAccess;
import org.garnet.core.internal.os.OsCatalog;
import org.garnet.disk.file.internal.FileTemplate;
import org.garnet.hypervisor.fake.internal.FakeHypervisor;
import org.garnet.hypervisor.fake.internal.MemInfo;
import org.garnet.iallocator.hail.internal.HailAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code OP_INSTANCE_MULTI_ALLOC} through the real queue: the in-process hail places the instances, one create
 * job per instance follows; bad definitions are refused with Ganeti's codes before anything is created.
 */
class InstanceMultiAllocTest {
    @TempDir
    Path dir;
    QueueAccess f;
    String master;

    @BeforeEach
    void setUp() throws IOException {
        f = new QueueAccess(dir);
        Drivers drivers = new Drivers(new OsCatalog(dir.resolve("os")), List.of());
        drivers.bindHypervisor(new FakeHypervisor(dir.resolve("run"), MemInfo.proc()), Map.of(Hypervisor.TYPE, "fake"));
        drivers.bindDiskTemplate(new FileTemplate(), Map.of(DiskTemplate.TEMPLATE, "file"));
        drivers.bindIAllocator(new HailAllocator(), Map.of(IAllocator.NAME, "hail"));
        f.add(new InstanceCreateOp(f.store(), drivers, dir.resolve("log/os")));
        f.add(new InstanceRemoveOp(f.store(), drivers));
        f.add(new InstanceMultiAllocOp(f.store(), drivers));
        Path os = Files.createDirectories(dir.resolve("os/noop"));
        Files.writeString(os.resolve("ganeti_api_version"), "20\n");
        Path create = os.resolve("create");
        Files.writeString(create, "#!/bin/sh\necho installed $INSTANCE_NAME\n");
        create.toFile().setExecutable(true);
        // a single node: hail's N+1 check would refuse everything (as the appliance, no-capacity-checks)
        assertEquals(JobStatus.success, run(OpCode.of("OP_CLUSTER_SET_PARAMS", Map.of("default_iallocator", "hail",
                "default_iallocator_params", Map.of("no-capacity-checks", true)))).status());
        master = f.store().byName(org.garnet.api.model.Node.class, "node1.example.com").orElseThrow().uuid();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static Map<String, Object> inst(String name) {
        Map<String, Object> p = new HashMap<>(Map.of("instance_name", name, "mode", "create", "disk_template", "file",
                "disks", List.of(Map.of("size", 1024)), "nics", List.of(Map.of()), "os_type", "noop",
                "beparams", Map.of("memory", 128)));
        p.put("name_check", false); // test names do not resolve
        p.put("ip_check", false);
        return p;
    }

    private static Map<String, Object> with(Map<String, Object> def, String key, Object value) {
        Map<String, Object> p = new HashMap<>(def);
        p.put(key, value);
        return p;
    }

    private Job run(OpCode op) {
        return f.awaitFinished(f.queue().submit(List.of(op)));
    }

    private Job multi(Map<String, Object> params) {
        return run(OpCode.of("OP_INSTANCE_MULTI_ALLOC", params));
    }

    private List<Path> diskFiles() throws IOException {
        Path storage = Path.of(f.store().cluster().orElseThrow().fileStorageDir());
        if (!Files.exists(storage)) {
            return List.of();
        }
        try (Stream<Path> w = Files.walk(storage)) {
            return new ArrayList<>(w.filter(Files::isRegularFile).toList());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void twoInstancesArePlacedByHailAndCreatedByJobsOfTheirOwn() throws IOException {
        Job j = multi(Map.of("instances", List.of(inst("web1.example.com"), inst("web2.example.com"))));
        assertEquals(JobStatus.success, j.status(), String.valueOf(j.ops().get(0).result()));
        Map<String, Object> result = (Map<String, Object>) j.ops().get(0).result();
        assertEquals(List.of("web1.example.com", "web2.example.com"), result.get("allocatable"));
        assertEquals(List.of(), result.get("failed"));
        List<List<Object>> jobs = (List<List<Object>>) result.get("jobs");
        assertEquals(2, jobs.size());
        assertTrue(j.ops().get(0).log().stream().anyMatch(l -> l.message().equals("Selected nodes for instance "
                + "web1.example.com via iallocator hail: node1.example.com")), "the default allocator was asked");
        for (List<Object> job : jobs) {
            assertEquals(true, job.get(0));
            Job child = f.awaitFinished(((Number) job.get(1)).longValue());
            assertEquals(JobStatus.success, child.status(), String.valueOf(child.ops().get(0).result()));
            assertEquals("OP_INSTANCE_CREATE", child.ops().get(0).input().opId());
            assertEquals("node1.example.com", child.ops().get(0).input().params().get("pnode"));
            assertTrue(child.ops().get(0).input().params().get("iallocator") == null, "no allocator left");
            assertTrue(child.ops().get(0).input().reason().stream().anyMatch(r -> r.source().equals(
                    "gnt:opcode:instance_multi_alloc")), "the child inherits the reason trail");
        }
        for (String n : List.of("web1.example.com", "web2.example.com")) {
            Instance i = f.store().byName(Instance.class, n).orElseThrow();
            assertEquals(master, i.primaryNode());
            assertEquals("up", i.adminState());
        }
        assertEquals(2, diskFiles().size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void nodesOnEveryDefinitionNeedNoAllocator() {
        Job j = multi(Map.of("instances", List.of(with(inst("n1"), "pnode", "node1.example.com"),
                with(inst("n2"), "pnode", "node1.example.com"))));
        assertEquals(JobStatus.success, j.status(), String.valueOf(j.ops().get(0).result()));
        Map<String, Object> result = (Map<String, Object>) j.ops().get(0).result();
        assertEquals(List.of("n1", "n2"), result.get("allocatable"));
        for (List<Object> job : (List<List<Object>>) result.get("jobs")) {
            Job child = f.awaitFinished(((Number) job.get(1)).longValue());
            assertEquals(JobStatus.success, child.status(), String.valueOf(child.ops().get(0).result()));
        }
        assertTrue(f.store().byName(Instance.class, "n2").isPresent());
    }

    @Test
    void badDefinitionsAreRefusedWithGanetisCodesAndNothingIsCreated() throws IOException {
        multi(Map.of("instances", List.of(inst("old"))));
        await("old");
        int disks = diskFiles().size();

        assertError(multi(Map.of("instances", List.of(inst("a"), inst("b"), inst("a")))),
                "There are duplicate instance names: a", "wrong_input");
        assertError(multi(Map.of("instances", List.of(inst("a"), inst("old")))),
                "Instance 'old' is already in the cluster", "already_exists");
        assertError(multi(Map.of("instances", List.of(inst("a"), with(inst("b"), "pnode", "node1.example.com")))),
                "There are instance objects providing pnode/snode while others do not", "wrong_input");
        assertError(multi(Map.of("instances", List.of(inst("a"), with(inst("b"), "iallocator", "hail")))),
                "iallocator are not allowed to be set on instance objects", "wrong_input");
        assertError(multi(Map.of("instances", List.of(inst("a"), with(with(inst("b"), "size", 1), "color", "red")))),
                "Unknown fields in definition 1: color, size", "wrong_input");
        assertError(multi(Map.of("instances", List.of(inst("a"), inst("b")), "iallocator", "nosuch")),
                "Can't find the IAllocator 'nosuch'", "insufficient_resources");
        Map<String, Object> huge = with(inst("b"), "beparams", Map.of("memory", 1 << 30));
        Job tooBig = multi(Map.of("instances", List.of(inst("a"), huge)));
        assertEquals(JobStatus.error, tooBig.status());
        String refusal = String.valueOf(tooBig.ops().get(0).result());
        assertTrue(refusal.contains("Can't compute nodes using iallocator 'hail': Request failed")
                && refusal.contains("insufficient_resources"), refusal);

        assertEquals(List.of("old"), f.store().list(Instance.class).stream().map(Instance::name).toList());
        assertEquals(disks, diskFiles().size(), "no disk was created by a refused request");
    }

    private void await(String name) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                f.store().byName(Instance.class, name).isPresent()
                && f.queue().list(List.of(), false).stream().allMatch(x -> x.status().isFinalized()));
    }

    private static void assertError(Job j, String message, String code) {
        assertEquals(JobStatus.error, j.status());
        assertEquals(List.of("OpPrereqError", List.of(message, code)), j.ops().get(0).result());
    }
}
