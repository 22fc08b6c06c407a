package org.garnet.api.storage;

import org.garnet.api.GanetiException;
import org.garnet.api.model.Disk;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A disk template driver ({@code diskless}, {@code file}, {@code sharedfile}, {@code plain}, {@code drbd},
 * {@code rbd}, {@code ext}, {@code blockdev}, {@code gluster}), registered with the property {@value #TEMPLATE}.
 * It works on the local node only; the core calls it on every node that holds a disk.
 *
 * <p>Threading: calls for different disks may run concurrently; calls for one disk are serialised by the
 * core. Every call is guarded by a timeout and made without core monitors held.
 *
 * <p>Errors: {@link GanetiException} with a user-readable message; the core turns it into the opcode's error.
 * {@link #create} must leave nothing behind when it fails.
 */
@ConsumerType
public interface DiskTemplate {
    /** Service property naming the template. */
    String TEMPLATE = "disk.template";

    /** What the template can do (mirroring, growth, file based, ...). */
    TemplateTraits traits();

    /** Creates the storage for a disk of {@code disk.size()} MiB and returns its identification and path. */
    BlockDevice create(DiskRequest request);

    /** Makes the disk usable on this node (idempotent) and returns its path or URI. */
    BlockDevice assemble(Disk disk);

    /** Undoes {@link #assemble} (idempotent). */
    void shutdown(Disk disk);

    /**
     * Opens the assembled disk for the instance on this node: exclusively when the instance runs here alone,
     * shared while it migrates (Ganeti's {@code blockdev_open}). By default nothing: only templates whose storage
     * knows openers (ExtStorage's {@code open}) do something.
     */
    default void open(Disk disk, boolean exclusive) {
    }

    /** Closes the disk on this node (Ganeti's {@code blockdev_close}); by default nothing. */
    default void close(Disk disk) {
    }

    /**
     * Takes a snapshot of the disk on this node for an export (Ganeti's {@code blockdev_snapshot}) and returns
     * the snapshot's logical id: a disk of this template with that id reads the snapshot, and removing it
     * removes the snapshot. By default refused (templates whose traits say they are not snapshot-capable).
     */
    default java.util.List<String> snapshot(Disk disk) {
        throw GanetiException.exec("Cannot snapshot block device '" + disk.logicalId() + "' of type '"
                + disk.devType() + "'");
    }

    /** Grows the disk to {@code newSizeMiB}; must be larger than the current size. */
    void grow(Disk disk, long newSizeMiB);

    /** Removes the disk's storage (idempotent: a missing disk is not an error). */
    void remove(Disk disk);

    /**
     * Checks a new disk's parameters on this node before anything is created (the {@code ext} template: its
     * provider is here and knows every parameter given); a {@code GanetiException} says what is wrong. By default
     * nothing to check.
     */
    default void checkDisk(java.util.Map<String, Object> params) {
    }

    /**
     * The ExtStorage providers this template's disks come from on this node, usable or not (the {@code ext}
     * template); by default none.
     */
    default java.util.List<ExtStorageInfo> extStorageProviders() {
        return java.util.List.of();
    }

    /** Total and free space of the storage this template uses on this node. */
    StorageSpace space(DiskRequest.Location location);

    /**
     * What this template's disks use of that storage, in MiB ({@code gnt-node list-storage}'s Used column); by
     * default what is not free.
     */
    default long usedMiB(DiskRequest.Location location) {
        StorageSpace s = space(location);
        return s.sizeMiB() - s.freeMiB();
    }
}
