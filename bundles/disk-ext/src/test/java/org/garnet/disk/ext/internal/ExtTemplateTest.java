package org.garnet.disk.ext.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.model.Disk;
import org.garnet.api.storage.BlockDevice;
import org.garnet.api.storage.DiskRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ext template over providers in Ganeti's search path ({@code <data root>/srv/ganeti/extstorage}): volumes
 * named and described as Ganeti names them, nothing left behind by a failed creation, the parameter check.
 */
class ExtTemplateTest {
    @TempDir
    Path root;

    private Path provider(String name, Map<String, String> scripts, String... params) throws Exception {
        return Providers.write(root.resolve("srv/ganeti/extstorage/" + name), scripts, params);
    }

    /** A provider keeping its volumes as files in {@code pool}, with their metadata beside them. */
    private Path filesProvider(String name) throws Exception {
        Path pool = root.resolve("pool");
        return provider(name, Map.of(
                "create", "mkdir -p " + pool + " && truncate -s ${VOL_SIZE}M " + pool + "/$VOL_NAME",
                "setinfo", "echo \"$VOL_METADATA\" > " + pool + "/$VOL_NAME.meta",
                "remove", "rm -f " + pool + "/$VOL_NAME " + pool + "/$VOL_NAME.meta",
                "attach", "echo; echo kvm:nbd:unix:/run/$VOL_NAME.sock"), "speed");
    }

    private ExtTemplate template() {
        return new ExtTemplate(Providers.config(root, 30));
    }

    private static DiskRequest request(Map<String, Object> params) {
        return new DiskRequest("inst1.example.com", "i-1", 0, "d-1", 64, "rw", params,
                new DiskRequest.Location(""));
    }

    @Test
    void aVolumeIsNamedAndDescribedAsGanetiDoes() throws Exception {
        filesProvider("files");
        BlockDevice dev = template().create(request(Map.of("provider", "files", "access", "kernelspace")));
        assertEquals(List.of("files", "d-1.ext.disk0"), dev.logicalId());
        assertEquals(64L << 20, Files.size(root.resolve("pool/d-1.ext.disk0")));
        assertEquals("originstname+inst1.example.com\n", Files.readString(root.resolve("pool/d-1.ext.disk0.meta")));
        Disk disk = new Disk("d-1", null, "ext", 64, "rw", null, dev.logicalId(), List.of("n-1"),
                Map.of("provider", "files"));
        BlockDevice attached = template().assemble(disk);
        assertEquals(null, attached.path(), "no block device (attach's empty first line)");
        assertEquals("kvm:nbd:unix:/run/d-1.ext.disk0.sock", attached.uri(), "the userspace URI");
        template().remove(disk);
        assertFalse(Files.exists(root.resolve("pool/d-1.ext.disk0")));
    }

    @Test
    void aCreationThatFailsAfterCreateLeavesNoVolume() throws Exception {
        Path pool = root.resolve("pool");
        provider("files", Map.of(
                "create", "mkdir -p " + pool + " && touch " + pool + "/$VOL_NAME",
                "setinfo", "echo 'metadata store offline'; exit 1",
                "remove", "rm -f " + pool + "/$VOL_NAME"));
        GanetiException e = assertThrows(GanetiException.class, () -> template().create(request(Map.of(
                "provider", "files"))));
        assertEquals("External storage's setinfo script failed (exited with exit code 1), last lines of output:\n"
                + "metadata store offline", e.getMessage());
        assertFalse(Files.exists(pool.resolve("d-1.ext.disk0")), "removed through the provider's remove");
    }

    @Test
    void anAttachedPathThatIsNoBlockDeviceIsAClearError() throws Exception {
        provider("chars", Map.of("attach", "echo /dev/null"));
        Disk disk = new Disk("d-1", null, "ext", 64, "rw", null, List.of("chars", "d-1.ext.disk0"), List.of("n-1"),
                Map.of("provider", "chars"));
        GanetiException e = assertThrows(GanetiException.class, () -> template().assemble(disk));
        assertEquals("ExtStorage provider 'chars' attached volume d-1.ext.disk0 as /dev/null, which is not a block "
                + "device", e.getMessage());
    }

    @Test
    void anAttachThatPrintsNothingIsAClearError() throws Exception {
        provider("mute", Map.of());
        Disk disk = new Disk("d-1", null, "ext", 64, "rw", null, List.of("mute", "d-1.ext.disk0"), List.of("n-1"),
                Map.of("provider", "mute"));
        GanetiException e = assertThrows(GanetiException.class, () -> template().assemble(disk));
        assertEquals("ExtStorage provider 'mute' gave neither a block device nor a userspace URI for volume "
                + "d-1.ext.disk0 (its attach script printed nothing)", e.getMessage());
    }

    @Test
    void providerAndParametersAreCheckedBeforeAnythingIsCreated() throws Exception {
        filesProvider("files");
        template().checkDisk(Map.of("provider", "files", "speed", "fast", "access", "kernelspace"));
        GanetiException unknown = assertThrows(GanetiException.class, () -> template().checkDisk(Map.of(
                "provider", "files", "colour", "red")));
        assertEquals("ExtStorage provider 'files' does not support parameter 'colour' (supported: speed)",
                unknown.getMessage());
        assertEquals(ErrorCode.ECODE_INVAL, unknown.code());
        GanetiException missing = assertThrows(GanetiException.class, () -> template().checkDisk(Map.of(
                "provider", "nosuch")));
        assertTrue(missing.getMessage().startsWith("ExtStorage provider 'nosuch' not found"), missing.getMessage());
        assertEquals(ErrorCode.ECODE_NOENT, missing.code());
        GanetiException none = assertThrows(GanetiException.class, () -> template().checkDisk(Map.of()));
        assertEquals("Missing provider for template 'ext'", none.getMessage());
        assertFalse(Files.exists(root.resolve("pool")), "nothing created");
    }

    @Test
    void diagnoseListsEveryProviderOfTheSearchPathUsableOrNot() throws Exception {
        filesProvider("files");
        Files.createDirectories(root.resolve("srv/ganeti/extstorage/empty"));
        var all = template().extStorageProviders();
        assertEquals(List.of("empty", "files"), all.stream().map(i -> i.name()).toList());
        assertFalse(all.get(0).valid());
        assertEquals("File 'create' under path '" + root.resolve("srv/ganeti/extstorage/empty") + "' is missing",
                all.get(0).diagnose());
        assertTrue(all.get(1).valid());
        assertEquals("speed", all.get(1).parameters().get(0).name());
    }

    @Test
    void theClustersSearchPathFromTheNodesFactsReplacesTheNodesDefault() throws Exception {
        filesProvider("files");
        Path san = root.resolve("san");
        Providers.write(san.resolve("emc"), Map.of());
        Path facts = root.resolve("ssconf/ssconf_extstorage_search_path");
        Files.createDirectories(facts.getParent());
        Files.writeString(facts, san + "\n" + root.resolve("nowhere") + "\n");
        assertEquals(List.of("emc"), template().extStorageProviders().stream().map(i -> i.name()).toList());
        GanetiException missing = assertThrows(GanetiException.class, () -> template().create(request(Map.of(
                "provider", "files"))));
        assertTrue(missing.getMessage().contains("search path " + san + ":" + root.resolve("nowhere") + ")"),
                missing.getMessage());
        Files.delete(facts); // the cluster's path unset: the node's default again
        assertEquals(List.of("files"), template().extStorageProviders().stream().map(i -> i.name()).toList());
    }
}
