package org.garnet.core.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.garnet.api.ErrorClass;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ClusterInitRequest;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Node;
import org.garnet.core.internal.node.LocalNode;
import org.garnet.core.internal.store.SqliteConfigStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterServiceImplTest {
    @TempDir
    Path dir;
    SqliteConfigStore store;
    ClusterServiceImpl service;

    @BeforeEach
    void setUp() {
        store = new SqliteConfigStore(dir.resolve("config.db"));
        service = ClusterServiceImpl.inProcess(store, new LocalNode("node1.example.com", "127.0.0.1"), dir);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private static ClusterInitRequest request(List<String> hvs, List<String> templates, String netdev, String sip) {
        return new ClusterInitRequest("localhost", sip, hvs, templates, netdev, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    @Test
    void initCreatesClusterGroupAndMaster() {
        Cluster c = service.init(request(List.of("fake", "kvm"), List.of("file", "diskless"), "lo", null));
        assertEquals("localhost", c.name());
        assertEquals("127.0.0.1", c.masterIp());
        assertEquals("fake", c.defaultHypervisor());
        assertEquals(20, c.maxRunningJobs());
        Node master = service.masterNode();
        assertEquals("node1.example.com", master.name());
        assertEquals("127.0.0.1", master.secondaryIp());
        assertTrue(Files.isDirectory(Path.of(c.fileStorageDir())));
        assertEquals(dir.resolve("file-storage").toString(), c.fileStorageDir());
    }

    @Test
    void initTwiceIsRefused() {
        service.init(request(List.of("fake"), List.of("file"), "lo", null));
        long serial = service.cluster().serialNo();
        GanetiException e = assertThrows(GanetiException.class,
                () -> service.init(request(List.of("kvm"), List.of("file"), "lo", null)));
        assertEquals("Cluster is already initialised", e.getMessage());
        assertEquals(ErrorCode.ECODE_STATE, e.code());
        assertEquals(serial, service.cluster().serialNo());
        assertEquals(List.of("fake"), service.cluster().enabledHypervisors());
    }

    @Test
    void badInputIsRefusedWithGanetiMessagesAndStoresNothing() {
        assertEquals("Enabled hypervisors contains invalid entries: {'nosuch'}", assertThrows(GanetiException.class,
                () -> service.init(request(List.of("fake", "nosuch"), List.of("file"), "lo", null))).getMessage());
        assertEquals("Enabled disk templates list contains invalid entries: {'floppy'}",
                assertThrows(GanetiException.class,
                        () -> service.init(request(List.of("fake"), List.of("floppy"), "lo", null))).getMessage());
        assertEquals("Secondary IP address (300.1.1.1) has to be a valid IPv4 address.",
                assertThrows(GanetiException.class,
                        () -> service.init(request(List.of("fake"), List.of("file"), "lo", "300.1.1.1")))
                        .getMessage());
        assertEquals("Invalid master netdev given (nosuch0): 'Device \"nosuch0\" does not exist.'",
                assertThrows(GanetiException.class,
                        () -> service.init(request(List.of("fake"), List.of("file"), "nosuch0", null)))
                        .getMessage());
        GanetiException unresolved = assertThrows(GanetiException.class,
                () -> service.init(new ClusterInitRequest("no-such-host.invalid", null, List.of("fake"),
                        List.of("file"), "lo", null, null, null, null, null, null, null, null, null, null, null,
                        null, null)));
        assertEquals(ErrorClass.ResolverError, unresolved.errorClass());
        assertTrue(store.cluster().isEmpty());
    }

    @Test
    void modifyChangesParametersAndSerial() {
        service.init(request(List.of("fake"), List.of("file"), "lo", null));
        long serial = service.cluster().serialNo();
        Cluster c = service.modify(Map.of("max_running_jobs", 5, "enabled_hypervisors", List.of("kvm", "fake"),
                "beparams", Map.of("vcpus", 2)));
        assertEquals(5, c.maxRunningJobs());
        assertEquals("kvm", c.defaultHypervisor());
        assertEquals(2, service.cluster().beparams().get("vcpus"));
        assertEquals(128, service.cluster().beparams().get("maxmem"));
        assertEquals(serial + 1, service.cluster().serialNo());
    }

    @Test
    void modifyWithBadValueChangesNothing() {
        service.init(request(List.of("fake"), List.of("file"), "lo", null));
        Cluster before = service.cluster();
        assertThrows(GanetiException.class,
                () -> service.modify(Map.of("max_running_jobs", 5, "enabled_disk_templates", List.of("floppy"))));
        assertThrows(GanetiException.class, () -> service.modify(Map.of("max_running_jobs", 0)));
        GanetiException unknown = assertThrows(GanetiException.class, () -> service.modify(Map.of("nosuch", 1)));
        assertEquals(ErrorClass.ParameterError, unknown.errorClass());
        assertEquals(before, service.cluster());
    }

    @Test
    void diskParametersMergePerTemplateWithGanetisChecks() {
        service.init(request(List.of("fake"), List.of("file"), "lo", null));
        service.modify(Map.of("diskparams", Map.of("ext", Map.of("access", "userspace"))));
        assertEquals("userspace", service.cluster().diskparams().get("ext").get("access"));
        service.modify(Map.of("diskparams", Map.of("rbd", Map.of("pool", "vms"))));
        assertEquals("userspace", service.cluster().diskparams().get("ext").get("access"), "other templates kept");
        assertEquals("vms", service.cluster().diskparams().get("rbd").get("pool"));
        Cluster before = service.cluster();
        GanetiException key = assertThrows(GanetiException.class, () -> service.modify(Map.of("diskparams",
                Map.of("ext", Map.of("colour", "red")))));
        assertEquals("While verify diskparams options: Provided option keys not supported: ext/colour",
                key.getMessage());
        GanetiException access = assertThrows(GanetiException.class, () -> service.modify(Map.of("diskparams",
                Map.of("ext", Map.of("access", "pink")))));
        assertEquals("While verify diskparams options: Invalid value of 'ext:access': 'pink' (expected one of "
                + "kernelspace, userspace)", access.getMessage());
        assertEquals(before, service.cluster());
    }

    @Test
    void theExtStorageSearchPathIsTheClustersOnceSetAndGoesToTheNodesFacts() throws Exception {
        service.init(request(List.of("fake"), List.of("file"), "lo", null));
        List<String> byDefault = service.info().extStorageSearchPath();
        assertEquals(dir.resolve("srv/ganeti/extstorage").toString(), byDefault.get(0));
        assertTrue(byDefault.contains("/srv/ganeti/extstorage"), byDefault.toString());
        service.modify(Map.of("extstorage_search_path", List.of("/san/providers", " /opt/es ", "/san/providers")));
        assertEquals(List.of("/san/providers", "/opt/es"), service.cluster().extStorageSearchPath());
        assertEquals(List.of("/san/providers", "/opt/es"), service.info().extStorageSearchPath());
        assertEquals(List.of("/san/providers", "/opt/es"), org.garnet.core.internal.node.SsconfValues.of(store,
                Map.of()).get("extstorage_search_path").lines().toList());
        Cluster before = service.cluster();
        GanetiException relative = assertThrows(GanetiException.class,
                () -> service.modify(Map.of("extstorage_search_path", List.of("/ok", "providers"))));
        assertEquals("ExtStorage search path directory 'providers' is not an absolute path.", relative.getMessage());
        assertEquals(before, service.cluster());
        service.modify(Map.of("extstorage_search_path", List.of()));
        assertEquals(byDefault, service.info().extStorageSearchPath(), "empty: the default again");
        assertFalse(org.garnet.core.internal.node.SsconfValues.of(store, Map.of())
                .containsKey("extstorage_search_path"));
    }

    @Test
    void destroyForgetsTheCluster() {
        service.init(request(List.of("fake"), List.of("file"), "lo", null));
        service.destroy();
        assertTrue(store.cluster().isEmpty());
        GanetiException e = assertThrows(GanetiException.class, service::cluster);
        assertEquals(ErrorCode.ECODE_STATE, e.code());
    }

    @Test
    void liveDataOfThisNodeIsReal() {
        service.init(request(List.of("fake"), List.of("file"), "lo", null));
        var live = service.liveData(service.masterNode());
        assertTrue(live.memoryTotal() > 0);
        assertTrue(live.memoryFree() > 0 && live.memoryFree() <= live.memoryTotal());
        assertEquals(Runtime.getRuntime().availableProcessors(), live.cpuTotal());
        assertTrue(live.storageSize() > 0 && live.storageFree() <= live.storageSize());
    }
}
