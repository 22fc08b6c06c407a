package org.garnet.core.internal.rpc;

import org.garnet.api.model.Disk;
import org.garnet.api.storage.BlockDevice;
import org.garnet.api.storage.DiskRequest;
import org.garnet.api.storage.DiskTemplate;
import org.garnet.api.storage.StorageSpace;
import org.garnet.api.storage.TemplateTraits;

/** A node's disk template driver, called through the node's daemon. */
final class RemoteTemplate implements DiskTemplate {
    private final NodeClient node;
    private final String name;

    RemoteTemplate(NodeClient node, String name) {
        this.node = node;
        this.name = name;
    }

    @Override
    public TemplateTraits traits() {
        return node.call(TemplateTraits.class, "template_traits", RpcTimeout.URGENT, name);
    }

    @Override
    public BlockDevice create(DiskRequest request) {
        return node.call(BlockDevice.class, "blockdev_create", RpcTimeout.SLOW, name, request);
    }

    @Override
    public BlockDevice assemble(Disk disk) {
        return node.call(BlockDevice.class, "blockdev_assemble", RpcTimeout.NORMAL, name, disk);
    }

    @Override
    public void shutdown(Disk disk) {
        node.call("blockdev_shutdown", RpcTimeout.NORMAL, name, disk);
    }

    @Override
    public void open(Disk disk, boolean exclusive) {
        node.call("blockdev_open", RpcTimeout.NORMAL, name, disk, exclusive);
    }

    @Override
    public void close(Disk disk) {
        node.call("blockdev_close", RpcTimeout.NORMAL, name, disk);
    }

    @Override
    public java.util.List<String> snapshot(Disk disk) {
        return java.util.Arrays.asList(node.call(String[].class, "blockdev_snapshot", RpcTimeout.SLOW, name, disk));
    }

    @Override
    public void grow(Disk disk, long newSizeMiB) {
        node.call("blockdev_grow", RpcTimeout.NORMAL, name, disk, newSizeMiB);
    }

    @Override
    public void checkDisk(java.util.Map<String, Object> params) {
        node.call("blockdev_check", RpcTimeout.FAST, name, params);
    }

    @Override
    public void remove(Disk disk) {
        node.call("blockdev_remove", RpcTimeout.NORMAL, name, disk);
    }

    @Override
    public StorageSpace space(DiskRequest.Location location) {
        return node.call(StorageSpace.class, "storage_space", RpcTimeout.URGENT, name, location.path());
    }

    @Override
    public long usedMiB(DiskRequest.Location location) {
        return node.call(Long.class, "storage_used", RpcTimeout.URGENT, name, location.path());
    }
}
