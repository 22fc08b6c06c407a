package org.garnet.core.internal.lu.instance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.garnet.api.hypervisor.Hypervisor;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Nic;
import org.garnet.api.model.Node;
import org.garnet.api.storage.BlockDevice;
import org.garnet.api.storage.DiskRequest;
import org.garnet.api.storage.DiskTemplate;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_INSTANCE_SET_PARAMS} ({@code gnt-instance modify}): backend, hypervisor and OS parameters, disks
 * added or removed, NICs added, removed or changed. Modifications are {@code [op, index, params]} with op
 * {@code add}, {@code remove} or {@code modify} and index −1 for "at the end". Checks (index range, running
 * instance for disk removal, instance policy, MAC uniqueness) come before any change. Result: Ganeti's
 * {@code [[name, new value], ...]} list.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + InstanceSetParamsOp.OP)
public class InstanceSetParamsOp extends InstanceOp {
    static final String OP = "OP_INSTANCE_SET_PARAMS";

    public InstanceSetParamsOp() {
    }

    public InstanceSetParamsOp(ConfigStore store, Drivers drivers) {
        this.store = store;
        this.drivers = drivers;
        this.nodes = NodeRpc.inProcess(drivers);
    }

    @Reference
    void setStore(ConfigStore s) {
        store = s;
    }

    @Reference
    void setDrivers(Drivers d) {
        drivers = d;
    }

    @Reference
    void setNodes(NodeRpc n) {
        nodes = n;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    protected List<OpParam> ownParams() {
        return List.of(
                OpParam.optional("force", ParamType.BOOL, false, "Whether to force the operation"),
                OpParam.optional("beparams", ParamType.DICT, Map.of(), "Changed backend parameters"),
                OpParam.optional("hvparams", ParamType.DICT, Map.of(), "Changed hypervisor parameters"),
                OpParam.optional("osparams", ParamType.DICT, Map.of(), "Changed OS parameters"),
                OpParam.optional("disks", ParamType.LIST, List.of(), "List of disk changes"),
                OpParam.optional("nics", ParamType.LIST, List.of(), "List of NIC changes"),
                OpParam.optional("ignore_ipolicy", ParamType.BOOL, false, "Ignore ipolicy violations"),
                OpParam.optional("hotplug", ParamType.BOOL, false, "Whether to hotplug devices"),
                OpParam.optional("hotplug_if_possible", ParamType.BOOL, false,
                        "Whether to hotplug devices if the hypervisor can"),
                OpParam.optional("wait_for_sync", ParamType.BOOL, true, "Whether to wait for disks to sync"),
                OpParam.optional("offline", ParamType.BOOL, null, "Whether to mark the instance offline"),
                OpParam.optional("os_name", ParamType.STRING, null, "Change the instance's OS without reinstall"));
    }

    private record Mod(String op, int index, Map<String, Object> params) {
    }

    @SuppressWarnings("unchecked")
    private static List<Mod> mods(Object list, String what) {
        List<Mod> out = new ArrayList<>();
        for (Object o : (List<Object>) list) {
            if (!(o instanceof List<?> l) || l.size() != 3 || !(l.get(0) instanceof String op)
                    || !(l.get(1) instanceof Number idx) || !(l.get(2) instanceof Map<?, ?> p)) {
                throw GanetiException.prereq("Invalid " + what + " modification " + o + ": expected [op, index, "
                        + "params]", ErrorCode.ECODE_INVAL);
            }
            if (!List.of("add", "remove", "modify").contains(op)) {
                throw GanetiException.prereq("Invalid " + what + " modification operation '" + op + "'",
                        ErrorCode.ECODE_INVAL);
            }
            out.add(new Mod(op, idx.intValue(), (Map<String, Object>) p));
        }
        return out;
    }

    private static int index(int idx, int size, String what, boolean forAdd) {
        int max = forAdd ? size : size - 1;
        int i = idx == -1 ? max : idx;
        if (i < 0 || i > max) {
            throw GanetiException.prereq("Invalid " + what + " index " + idx + ", valid values are 0 to " + max,
                    ErrorCode.ECODE_INVAL);
        }
        return i;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object prepare(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        Map<String, Object> p = p(op);
        List<Mod> disks = mods(p.get("disks"), "disk");
        List<Mod> nics = mods(p.get("nics"), "NIC");
        if (((Map<?, ?>) p.get("beparams")).isEmpty() && ((Map<?, ?>) p.get("hvparams")).isEmpty()
                && ((Map<?, ?>) p.get("osparams")).isEmpty() && disks.isEmpty() && nics.isEmpty()
                && p.get("offline") == null && p.get("os_name") == null) {
            throw GanetiException.prereq("No changes submitted", ErrorCode.ECODE_INVAL);
        }
        Instances.requireOnline(pnode);
        Map<String, Object> givenHv = (Map<String, Object>) p.get("hvparams");
        if (!givenHv.isEmpty()) { // the driver checks the parameters as they will be, before anything changes
            Map<String, Object> own = new LinkedHashMap<>(inst.hvparams());
            givenHv.forEach((k, v) -> {
                if ("default".equals(v)) {
                    own.remove(k);
                } else {
                    own.put(k, v);
                }
            });
            nodes.at(pnode).hypervisor(inst.hypervisor()).checkParameters(Instances.filledHv(cluster,
                    inst.hypervisor(), own));
        }
        boolean hot = Hotplug.decide(nodes.at(pnode).hypervisor(inst.hypervisor()), Instances.hv(cluster, inst,
                List.of()), Boolean.TRUE.equals(p.get("hotplug")), Boolean.TRUE.equals(p.get("hotplug_if_possible")),
                ctx);
        int diskCount = inst.disks().size();
        List<Long> sizes = new ArrayList<>(inst.disks().stream().map(Disk::size).toList());
        for (Mod m : disks) {
            switch (m.op()) {
                case "add" -> {
                    if (!(m.params().get("size") instanceof Number s)) {
                        throw GanetiException.prereq("Required disk parameter 'size' missing", ErrorCode.ECODE_INVAL);
                    }
                    index(m.index(), diskCount, "disk", true);
                    ExtDisks.checkProvider(m.params(), inst.diskTemplate());
                    Map<String, Object> own = ExtDisks.diskParams(inst.diskTemplate(), m.params());
                    if (!own.isEmpty()) { // ext: the provider is there and knows the parameters given
                        nodes.at(pnode).template(inst.diskTemplate()).checkDisk(ExtDisks.filled(cluster,
                                inst.diskTemplate(), own));
                    }
                    diskCount++;
                    sizes.add(s.longValue());
                }
                case "remove" -> {
                    int i = index(m.index(), diskCount, "disk", false);
                    if (!hot) {
                        requireNotRunning(inst, pnode, "can't remove volume from a running instance without "
                                + "using hotplug");
                    }
                    if (diskCount == 1) {
                        throw GanetiException.prereq("Cannot remove the last disk of an instance",
                                ErrorCode.ECODE_INVAL);
                    }
                    diskCount--;
                    sizes.remove(Math.min(i, sizes.size() - 1));
                }
                default -> throw GanetiException.prereq("Disk modification is not supported yet (use grow-disk)",
                        ErrorCode.ECODE_INVAL);
            }
        }
        int nicCount = inst.nics().size();
        for (Mod m : nics) {
            if (m.op().equals("add")) {
                index(m.index(), nicCount, "NIC", true);
                nicCount++;
            } else {
                index(m.index(), nicCount, "NIC", false);
                if (m.op().equals("remove")) {
                    nicCount--;
                }
            }
        }
        Map<String, Object> be = Instances.filledBe(cluster, inst.beparams());
        be.putAll(Instances.upgradeMemory((Map<String, Object>) p.get("beparams")));
        Instances.checkPolicy(store, cluster, pnode, be, sizes, nicCount, null,
                Boolean.TRUE.equals(p.get("ignore_ipolicy")), ctx::feedback);
        if (p.get("os_name") != null && nodes.at(pnode).os((String) p.get("os_name")).isEmpty()) {
            throw GanetiException.prereq("OS '" + p.get("os_name") + "' not in supported OS list for node "
                    + pnode.name(), ErrorCode.ECODE_INVAL);
        }
        return hot;
    }

    /** Ganeti's {@code CheckInstanceState(INSTANCE_NOT_RUNNING)}: marked down or offline, and not running. */
    private void requireNotRunning(Instance inst, Node pnode, String msg) {
        if ("up".equals(inst.adminState())) {
            throw GanetiException.prereq("Instance '" + inst.name() + "' is marked to be up, " + msg,
                    ErrorCode.ECODE_STATE);
        }
        if (Instances.running(nodes.at(pnode), inst)) {
            throw GanetiException.prereq("Instance " + inst.name() + " is running, " + msg, ErrorCode.ECODE_STATE);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object run(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        return run(op, ctx, cluster, inst, pnode, Boolean.FALSE);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object run(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode, Object prepared) {
        boolean hot = Boolean.TRUE.equals(prepared);
        org.garnet.api.hypervisor.Hypervisor hyper = nodes.at(pnode).hypervisor(inst.hypervisor());
        Map<String, Object> p = p(op);
        List<Object> changes = new ArrayList<>();
        Map<String, Object> be = new LinkedHashMap<>(inst.beparams());
        Map<String, Object> givenBe = (Map<String, Object>) p.get("beparams");
        be.putAll(Instances.upgradeMemory(givenBe));
        givenBe.forEach((k, v) -> changes.add(List.of("be/" + k, String.valueOf(v)))); // as given, as Ganeti
        Map<String, Object> hv = new LinkedHashMap<>(inst.hvparams());
        ((Map<String, Object>) p.get("hvparams")).forEach((k, v) -> {
            if ("default".equals(v)) { // back to the cluster's value, as Ganeti's VALUE_DEFAULT
                hv.remove(k);
            } else {
                hv.put(k, v);
            }
            changes.add(List.of("hv/" + k, String.valueOf(v)));
        });
        Map<String, Object> os = new LinkedHashMap<>(inst.osparams());
        ((Map<String, Object>) p.get("osparams")).forEach((k, v) -> {
            os.put(k, v);
            changes.add(List.of("os/" + k, String.valueOf(v)));
        });
        List<Disk> disks = new ArrayList<>(inst.disks());
        for (Mod m : mods(p.get("disks"), "disk")) {
            if (m.op().equals("add")) {
                int i = index(m.index(), disks.size(), "disk", true);
                DiskTemplate t = nodes.at(pnode).template(inst.diskTemplate());
                String dir = inst.diskTemplate().equals("sharedfile") ? cluster.sharedFileStorageDir()
                        : cluster.fileStorageDir();
                long size = ((Number) m.params().get("size")).longValue();
                String mode = String.valueOf(m.params().getOrDefault("mode", "rw"));
                String diskUuid = UUID.randomUUID().toString();
                Map<String, Object> own = ExtDisks.diskParams(inst.diskTemplate(), m.params());
                BlockDevice dev = t.create(new DiskRequest(inst.name(), inst.uuid(), i, diskUuid, size, mode,
                        ExtDisks.filled(cluster, inst.diskTemplate(), own), new DiskRequest.Location(dir)));
                disks.add(i, new Disk(diskUuid, (String) m.params().get("name"), inst.diskTemplate(), size, mode, null,
                        dev.logicalId(), List.of(pnode.uuid()), own));
                changes.add(List.of("disk/" + i, "add:size=" + size + ",mode=" + mode));
                if (hot) {
                    Instance now = Instances.withDevices(inst, disks, inst.nics());
                    changes.add(List.of("disk/" + i, Hotplug.device(hyper, Instances.hv(cluster, now,
                            Instances.assembleDisks(store, cluster, nodes.at(pnode), now)), Hypervisor.HOTPLUG_ADD, "disk", i, ctx)));
                }
            } else {
                int i = index(m.index(), disks.size(), "disk", false);
                changes.add(List.of("disk/" + i, "remove"));
                if (hot) { // out of the guest before its data goes
                    changes.add(List.of("disk/" + i, Hotplug.device(hyper, Instances.hv(cluster,
                            Instances.withDevices(inst, disks, inst.nics()), List.of()), Hypervisor.HOTPLUG_REMOVE, "disk", i,
                            ctx)));
                }
                Disk d = disks.remove(i);
                nodes.at(pnode).template(d.devType()).remove(d);
            }
        }
        List<Nic> nics = new ArrayList<>(inst.nics());
        Set<String> macs = new HashSet<>();
        store.list(Instance.class).forEach(x -> x.nics().forEach(n -> macs.add(n.mac())));
        for (Mod m : mods(p.get("nics"), "NIC")) {
            switch (m.op()) {
                case "add" -> {
                    int i = index(m.index(), nics.size(), "NIC", true);
                    Nic n = nic(cluster, null, m.params(), macs);
                    nics.add(i, n);
                    changes.add(List.of("nic." + i, "add:mac=" + n.mac() + ",ip=" + n.ip() + ",mode=" + n.mode()
                            + ",link=" + n.link() + ",network=" + n.network()));
                    if (hot) {
                        changes.add(List.of("nic." + i, Hotplug.device(hyper, Instances.hv(cluster,
                                Instances.withDevices(inst, disks, nics), List.of()), Hypervisor.HOTPLUG_ADD, "nic", i, ctx)));
                    }
                }
                case "remove" -> {
                    int i = index(m.index(), nics.size(), "NIC", false);
                    changes.add(List.of("NIC/" + i, "remove")); // Ganeti's container kind for NICs
                    if (hot) {
                        changes.add(List.of("NIC/" + i, Hotplug.device(hyper, Instances.hv(cluster,
                                Instances.withDevices(inst, disks, nics), List.of()), Hypervisor.HOTPLUG_REMOVE, "nic", i, ctx)));
                    }
                    nics.remove(i);
                }
                default -> {
                    int i = index(m.index(), nics.size(), "NIC", false);
                    Nic n = nic(cluster, nics.get(i), m.params(), macs);
                    nics.set(i, n);
                    m.params().forEach((k, v) -> changes.add(List.of("nic." + k + "/" + i, String.valueOf(v))));
                    if (hot) {
                        changes.add(List.of("nic/" + i, Hotplug.device(hyper, Instances.hv(cluster,
                                Instances.withDevices(inst, disks, nics), List.of()), Hypervisor.HOTPLUG_MODIFY, "nic", i, ctx)));
                    }
                }
            }
        }
        String osName = p.get("os_name") != null ? (String) p.get("os_name") : inst.os();
        String admin = p.get("offline") == null ? inst.adminState()
                : Boolean.TRUE.equals(p.get("offline")) ? "offline" : "down";
        store.update(Instance.class, inst.uuid(), i -> new Instance(i.uuid(), i.name(), i.serialNo(), i.ctime(),
                i.mtime(), i.primaryNode(), osName, i.hypervisor(), i.diskTemplate(), hv, be, os, admin,
                i.adminStateSource(), i.disksActive(), disks, nics, i.networkPort(), i.tags()));
        return changes;
    }

    private static Nic nic(Cluster cluster, Nic old, Map<String, Object> p, Set<String> macs) {
        String mac = old == null ? "auto" : old.mac();
        if (p.get("mac") != null) {
            mac = String.valueOf(p.get("mac"));
        }
        if (mac.equals("auto") || mac.equals("generate")) {
            mac = InstanceCreateOp.newMac(cluster.macPrefix(), macs);
        } else if (old == null || !mac.equals(old.mac())) {
            if (!mac.matches("(?i)([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
                throw GanetiException.prereq("Invalid MAC address specified: " + mac, ErrorCode.ECODE_INVAL);
            }
            if (macs.contains(mac.toLowerCase())) {
                throw GanetiException.prereq("MAC address " + mac + " already in use in cluster",
                        ErrorCode.ECODE_NOTUNIQUE);
            }
        }
        macs.add(mac.toLowerCase());
        Map<String, Object> nicp = cluster.nicparams();
        String mode = str(p.get("mode"), old == null ? str(nicp.get("mode"), "bridged") : old.mode());
        String link = str(p.get("link"), old == null ? str(nicp.get("link"), "") : old.link());
        return new Nic(old == null ? UUID.randomUUID().toString() : old.uuid(),
                p.containsKey("name") ? (String) p.get("name") : old == null ? null : old.name(), mac.toLowerCase(),
                p.containsKey("ip") ? (String) p.get("ip") : old == null ? null : old.ip(), mode, link,
                p.containsKey("network") ? (String) p.get("network") : old == null ? null : old.network(),
                old == null ? null : old.vlan());
    }

    private static String str(Object v, String dflt) {
        return v == null ? dflt : String.valueOf(v);
    }
}
