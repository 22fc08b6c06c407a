package org.garnet.disk.file.internal;

import org.garnet.api.storage.DiskTemplate;
import org.osgi.service.component.annotations.Component;

/** Ganeti's {@code sharedfile} template: files in the shared file storage directory (externally mirrored). */
@Component(service = DiskTemplate.class, property = DiskTemplate.TEMPLATE + "=sharedfile")
public class SharedFileTemplate extends FileDisks {
    public SharedFileTemplate() {
        super(true);
    }
}
