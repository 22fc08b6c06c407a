package org.garnet.disk.file.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.garnet.api.ErrorClass;
import org.garnet.api.GanetiException;
import org.garnet.api.model.Disk;
import org.garnet.api.storage.BlockDevice;
import org.garnet.api.storage.DiskRequest;
import org.garnet.api.storage.DiskTemplate;
import org.garnet.api.storage.StorageSpace;
import org.garnet.api.storage.TemplateTraits;

/**
 * File-backed disks as Ganeti's {@code file} and {@code sharedfile} templates make them: a sparse file of the
 * disk's size at {@code <storage dir>/<instance>/<disk uuid>.file.disk<index>}, logical id
 * {@code [driver, path]} (driver {@code loop} unless the disk parameters say otherwise). Growing extends the
 * file; removing deletes it and the instance's directory once empty.
 */
abstract class FileDisks implements DiskTemplate {
    private final boolean shared;

    FileDisks(boolean shared) {
        this.shared = shared;
    }

    @Override
    public TemplateTraits traits() {
        return new TemplateTraits(false, shared, true, true, false, true, 1);
    }

    @Override
    public BlockDevice create(DiskRequest request) {
        if (request.location() == null || request.location().path() == null || request.location().path().isEmpty()) {
            throw error("No " + (shared ? "shared " : "") + "file storage directory is configured");
        }
        Path dir = Path.of(request.location().path(), request.instanceName());
        Path file = dir.resolve(request.diskUuid() + ".file.disk" + request.index());
        if (Files.exists(file)) {
            throw error("File " + file + " already exists");
        }
        boolean createdDir = !Files.isDirectory(dir);
        try {
            Files.createDirectories(dir);
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(request.sizeMiB() * 1024L * 1024L);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
                if (createdDir) {
                    Files.deleteIfExists(dir);
                }
            } catch (IOException ignored) {
                // the creation error is the one to report
            }
            throw error("Can't create file " + file + ": " + e.getMessage());
        }
        String driver = String.valueOf(request.params().getOrDefault("file-driver", "loop"));
        return new BlockDevice(List.of(driver, file.toString()), file.toString(), null);
    }

    @Override
    public BlockDevice assemble(Disk disk) {
        Path file = path(disk);
        if (!Files.isRegularFile(file)) {
            throw error("File device " + file + " is missing");
        }
        return new BlockDevice(disk.logicalId(), file.toString(), null);
    }

    @Override
    public void shutdown(Disk disk) {
        // a file needs no teardown
    }

    @Override
    public void grow(Disk disk, long newSizeMiB) {
        Path file = path(disk);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long bytes = newSizeMiB * 1024L * 1024L;
            if (bytes < raf.length()) {
                throw error("Can't shrink file " + file);
            }
            raf.setLength(bytes);
        } catch (IOException e) {
            throw error("Can't grow file " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void remove(Disk disk) {
        Path file = path(disk);
        try {
            Files.deleteIfExists(file);
            Path dir = file.getParent();
            if (dir != null) {
                try {
                    Files.deleteIfExists(dir);
                } catch (DirectoryNotEmptyException ignored) {
                    // other disks of the instance are still there
                }
            }
        } catch (IOException e) {
            throw error("Can't remove file " + file + ": " + e.getMessage());
        }
    }

    @Override
    public StorageSpace space(DiskRequest.Location location) {
        try {
            Path dir = Path.of(location.path());
            Files.createDirectories(dir);
            FileStore store = Files.getFileStore(dir);
            return new StorageSpace("file", dir.toString(), store.getTotalSpace() / (1024 * 1024),
                    store.getUsableSpace() / (1024 * 1024));
        } catch (IOException e) {
            throw error("Can't read the space of " + location.path() + ": " + e.getMessage());
        }
    }

    /**
     * What the storage directory holds, as Ganeti counts it for file storage: the files' sizes added up (sparse
     * disk files count whole), in MiB rounded up.
     */
    @Override
    public long usedMiB(DiskRequest.Location location) {
        Path dir = Path.of(location.path());
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long bytes = 0;
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                var a = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS);
                if (!a.isDirectory()) {
                    bytes += a.size();
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw error("Can't compute the size of " + dir + ": " + e.getMessage());
        }
        return (bytes + (1 << 20) - 1) >> 20;
    }

    private static Path path(Disk disk) {
        if (disk.logicalId().size() != 2) {
            throw error("Disk " + disk.uuid() + " has no file path in its logical id " + disk.logicalId());
        }
        return Path.of(disk.logicalId().get(1));
    }

    static GanetiException error(String message) {
        return new GanetiException(ErrorClass.BlockDeviceError, message, null);
    }
}
