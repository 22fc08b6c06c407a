package org.garnet.core.internal.rpc;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.garnet.api.hypervisor.ConsoleInfo;
import org.garnet.api.hypervisor.HvInstance;
import org.garnet.api.hypervisor.HvInstanceInfo;
import org.garnet.api.hypervisor.HvMigrationStatus;
import org.garnet.api.hypervisor.HvNodeInfo;
import org.garnet.api.hypervisor.Hypervisor;

/** A node's hypervisor driver, called through the node's daemon. */
final class RemoteHypervisor implements Hypervisor {
    private final NodeClient node;
    private final String type;

    RemoteHypervisor(NodeClient node, String type) {
        this.node = node;
        this.type = type;
    }

    @Override
    public Map<String, Object> defaultParameters() {
        return node.call(new TypeReference<Map<String, Object>>() { }, "hv_defaults", RpcTimeout.URGENT, type);
    }

    @Override
    public void checkParameters(Map<String, Object> hvparams) {
        node.call("hv_check", RpcTimeout.URGENT, type, hvparams);
    }

    @Override
    public void start(HvInstance instance, boolean paused) {
        node.call("hv_start", RpcTimeout.NORMAL, type, instance, paused);
    }

    @Override
    public void stop(HvInstance instance, boolean force, Duration timeout) {
        node.call("hv_stop", RpcTimeout.NORMAL, type, instance, force, timeout.toSeconds());
    }

    @Override
    public void reboot(HvInstance instance) {
        node.call("hv_reboot", RpcTimeout.NORMAL, type, instance);
    }

    @Override
    public List<HvInstanceInfo> list() {
        return node.call(new TypeReference<List<HvInstanceInfo>>() { }, "hv_list", RpcTimeout.URGENT, type);
    }

    @Override
    public Optional<HvInstanceInfo> info(String instanceName) {
        return Optional.ofNullable(node.call(HvInstanceInfo.class, "hv_info", RpcTimeout.URGENT, type,
                instanceName));
    }

    @Override
    public HvNodeInfo nodeInfo() {
        return node.call(HvNodeInfo.class, "hv_node_info", RpcTimeout.URGENT, type);
    }

    @Override
    public ConsoleInfo console(HvInstance instance) {
        return node.call(ConsoleInfo.class, "hv_console", RpcTimeout.URGENT, type, instance);
    }

    @Override
    public List<String> verify() {
        return node.call(new TypeReference<List<String>>() { }, "hv_verify", RpcTimeout.FAST, type);
    }

    @Override
    public boolean canMigrate() {
        return Boolean.TRUE.equals(node.call(Boolean.class, "hv_can_migrate", RpcTimeout.URGENT, type));
    }

    @Override
    public String migrationInfo(HvInstance instance) {
        return node.call(String.class, "hv_migration_info", RpcTimeout.NORMAL, type, instance);
    }

    @Override
    public void acceptInstance(HvInstance instance, String info, String targetAddress) {
        node.call("hv_accept_instance", RpcTimeout.NORMAL, type, instance, info, targetAddress);
    }

    @Override
    public void migrate(String clusterName, HvInstance instance, String targetAddress, boolean live) {
        node.call("hv_migrate", RpcTimeout.SLOW, type, clusterName, instance, targetAddress, live);
    }

    @Override
    public HvMigrationStatus migrationStatus(HvInstance instance) {
        return node.call(HvMigrationStatus.class, "hv_migration_status", RpcTimeout.FAST, type, instance);
    }

    @Override
    public void finalizeMigrationTarget(HvInstance instance, String info, boolean success) {
        node.call("hv_finalize_migration_dst", RpcTimeout.NORMAL, type, instance, info, success);
    }

    @Override
    public void finalizeMigrationSource(HvInstance instance, boolean success, boolean live) {
        node.call("hv_finalize_migration_src", RpcTimeout.NORMAL, type, instance, success, live);
    }

    @Override
    public void checkHotplug(HvInstance instance) {
        node.call("hv_hotplug_supported", RpcTimeout.URGENT, type, instance);
    }

    @Override
    public void hotplug(HvInstance instance, String action, String target, int index) {
        node.call("hv_hotplug", RpcTimeout.NORMAL, type, instance, action, target, index);
    }
}
