package org.garnet.disk.file.internal;

import org.garnet.api.storage.DiskTemplate;
import org.osgi.service.component.annotations.Component;

/** Ganeti's {@code file} template: files in the cluster's file storage directory, on the primary node. */
@Component(service = DiskTemplate.class, property = DiskTemplate.TEMPLATE + "=file")
public class FileTemplate extends FileDisks {
    public FileTemplate() {
        super(false);
    }
}
