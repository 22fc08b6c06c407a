package org.garnet.api.storage;

import java.util.List;
import org.garnet.api.GanetiException;
import org.garnet.api.ParamDoc;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An ExtStorage provider (Ganeti's ExtStorage interface: create, attach, detach, remove, grow, setinfo,
 * verify, and optional snapshot/open/close), registered with the property {@value #PROVIDER}. A provider
 * bundle usually carries the provider's scripts; the {@code ext} disk template calls it.
 *
 * <p>Threading: calls for different volumes may run concurrently. Every call is made with a timeout and no
 * core monitor held. Errors: {@link GanetiException} with the last lines of the script's output.
 */
@ConsumerType
public interface ExtStorageProvider {
    /** Service property naming the provider. */
    String PROVIDER = "extstorage.provider";

    /** The parameters the provider accepts ({@code parameters.list}). */
    List<ParamDoc> parameters();

    void create(ExtVolume volume);

    /** Attaches the volume; returns the block device path (may be empty) and {@code hypervisor:uri} lines. */
    List<String> attach(ExtVolume volume);

    void detach(ExtVolume volume);

    void remove(ExtVolume volume);

    void grow(ExtVolume volume, long newSizeMiB);

    void setInfo(ExtVolume volume, String metadata);

    /** Checks the parameters; throws {@code OpPrereqError ECODE_INVAL} when wrong. */
    void verify(ExtVolume volume);

    /**
     * Opens the attached volume for an instance's use, exclusively (only this node may write it) or shared
     * (both ends of a live migration); Ganeti's optional {@code open} with {@code VOL_OPEN_EXCLUSIVE}. By
     * default nothing (a provider without the script).
     */
    default void open(ExtVolume volume, boolean exclusive) {
    }

    /** Closes the volume on this node (Ganeti's optional {@code close}); by default nothing. */
    default void close(ExtVolume volume) {
    }

    /**
     * Makes {@code snapshotName}, a volume of this provider holding {@code volume}'s data now, of
     * {@code snapshotSizeMiB} (Ganeti's optional {@code snapshot} with {@code VOL_SNAPSHOT_NAME} and
     * {@code VOL_SNAPSHOT_SIZE}); the snapshot is then attached, read and removed like any volume. By default
     * refused: a provider that cannot snapshot says so.
     */
    default void snapshot(ExtVolume volume, String snapshotName, long snapshotSizeMiB) {
        throw GanetiException.exec("this ExtStorage provider cannot take snapshots");
    }
}
