package org.garnet.disk.diskless.internal;

import org.garnet.api.ErrorClass;
import org.garnet.api.GanetiException;
import org.garnet.api.model.Disk;
import org.garnet.api.storage.BlockDevice;
import org.garnet.api.storage.DiskRequest;
import org.garnet.api.storage.DiskTemplate;
import org.garnet.api.storage.StorageSpace;
import org.garnet.api.storage.TemplateTraits;
import org.osgi.service.component.annotations.Component;

/** Ganeti's {@code diskless} template: instances without disks; asking it for a disk is an error. */
@Component(service = DiskTemplate.class, property = DiskTemplate.TEMPLATE + "=diskless")
public class DisklessTemplate implements DiskTemplate {
    @Override
    public TemplateTraits traits() {
        return new TemplateTraits(false, true, false, false, false, false, 0);
    }

    @Override
    public BlockDevice create(DiskRequest request) {
        throw noDisks();
    }

    @Override
    public BlockDevice assemble(Disk disk) {
        throw noDisks();
    }

    @Override
    public void shutdown(Disk disk) {
        // nothing to shut down
    }

    @Override
    public void grow(Disk disk, long newSizeMiB) {
        throw noDisks();
    }

    @Override
    public void remove(Disk disk) {
        // nothing to remove
    }

    @Override
    public StorageSpace space(DiskRequest.Location location) {
        return new StorageSpace("diskless", "", 0, 0);
    }

    private static GanetiException noDisks() {
        return new GanetiException(ErrorClass.BlockDeviceError, "The diskless template has no disks", null);
    }
}
