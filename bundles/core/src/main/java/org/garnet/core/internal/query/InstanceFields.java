package org.garnet.core.internal.query;

import static org.garnet.api.query.FieldKind.bool;
import static org.garnet.api.query.FieldKind.number;
import static org.garnet.api.query.FieldKind.other;
import static org.garnet.api.query.FieldKind.text;
import static org.garnet.api.query.FieldKind.unit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.hypervisor.HvInstance;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Nic;
import org.garnet.api.model.NodeGroup;
import org.garnet.api.query.FieldKind;
import org.garnet.api.query.ResultCell;
import org.garnet.api.query.ResultStatus;
import org.garnet.core.internal.cluster.Defaults;
import org.garnet.core.internal.rpc.NodeRpc;

/**
 * The families of Ganeti's instance fields beyond the basic ones: a field per backend and per hypervisor
 * parameter ({@code be/auto_balance}, {@code hv/kernel_path}), per disk index ({@code disk.size/0} ... 16 disks)
 * and per NIC index ({@code nic.mac/0} ... 8 NICs), their short aliases ({@code ip}, {@code mac},
 * {@code sda_size}), node groups and the rest of Ganeti's list. A per-index field of an instance without that
 * disk or NIC, or a hypervisor parameter its hypervisor does not have, is "not available" as in Ganeti.
 */
final class InstanceFields {
    /** Ganeti's {@code MAX_DISKS} and {@code MAX_NICS}: the per-index fields it defines. */
    static final int MAX_DISKS = 16;
    static final int MAX_NICS = 8;
    /** Ganeti's column titles of some hypervisor parameters (the others are titled with the field name). */
    private static final Map<String, String> HV_TITLES = Map.ofEntries(Map.entry("acpi", "ACPI"),
            Map.entry("boot_order", "Boot_order"), Map.entry("cdrom_image_path", "CDROM_image_path"),
            Map.entry("cpu_type", "cpu_type"), Map.entry("disk_type", "Disk_type"),
            Map.entry("initrd_path", "Initrd_path"), Map.entry("kernel_path", "Kernel_path"),
            Map.entry("nic_type", "NIC_type"), Map.entry("pae", "PAE"), Map.entry("pci_pass", "pci_pass"),
            Map.entry("vnc_bind_address", "VNC_bind_address"));

    private InstanceFields() {
    }

    static void addTo(InstanceResource res, ConfigStore store, NodeRpc rpc) {
        backend(res);
        hypervisor(res);
        disks(res);
        nics(res);
        Function<InstanceResource.Row, NodeGroup> group = r -> r.pnode() == null ? null
                : store.get(NodeGroup.class, r.pnode().group()).orElse(null);
        res.add(Field.of("pnode.group", "PrimaryNodeGroup", text, "Primary node's group", r -> {
            NodeGroup g = group.apply(r);
            return g == null ? null : g.name();
        }));
        res.add(Field.of("pnode.group.uuid", "PrimaryNodeGroupUUID", text, "Primary node's group UUID",
                r -> r.pnode() == null ? null : r.pnode().group()));
        res.add(Field.of("snodes.group", "SecondaryNodesGroups", other, "Node groups of secondary nodes",
                r -> List.of()));
        res.add(Field.of("snodes.group.uuid", "SecondaryNodesGroupsUUID", other,
                "Node group UUIDs of secondary nodes", r -> List.of()));
        res.add(Field.of("custom_osparams", "CustomOpSysParameters", other, "Custom operating system parameters",
                r -> r.inst().osparams()));
        res.add(Field.of("disks_active", "DisksActive", bool, "Desired state of instance disks",
                r -> r.inst().disksActive()));
        res.add(Field.of("forthcoming", "Forthcoming", bool, "whether the Instance is forthcoming", r -> false));
        res.add(Field.of("nic.vlans", "NIC_VLANs", other, "List containing each network interface's VLAN",
                r -> r.inst().nics().stream().map(n -> n.vlan() == null ? vlanDefault(r) : n.vlan()).toList()));
        res.add(Field.cell("console", "Console", other, "Instance console information",
                r -> console(r, rpc)));
    }

    /** How to reach a running instance's console, from its hypervisor; null when it is not running. */
    private static ResultCell console(InstanceResource.Row r, NodeRpc rpc) {
        if (!r.nodeReachable()) {
            return new ResultCell(ResultStatus.NODATA, null);
        }
        if (r.live().isEmpty()) {
            return ResultCell.of(null);
        }
        try {
            return ResultCell.of(rpc.at(r.pnode()).hypervisor(r.inst().hypervisor()).console(new HvInstance(r.inst(),
                    InstanceResource.filledHv(r), InstanceResource.filledBe(r), List.of())).toDict());
        } catch (org.garnet.api.GanetiException e) {
            return new ResultCell(ResultStatus.NODATA, null);
        }
    }

    private static void backend(InstanceResource res) {
        res.add(Field.of("be/always_failover", "be/always_failover", bool,
                "The \"always_failover\" backend parameter", r -> be(r, "always_failover")));
        res.add(Field.of("be/auto_balance", "Auto_balance", bool, "The \"auto_balance\" backend parameter",
                r -> be(r, "auto_balance")));
        res.add(Field.of("be/memory", "ConfigMaxMem", unit, "The \"maxmem\" backend parameter",
                r -> be(r, "maxmem")));
        res.add(Field.of("be/spindle_use", "be/spindle_use", number, "The \"spindle_use\" backend parameter",
                r -> be(r, "spindle_use")));
        res.add(Field.of("vcpus", "ConfigVCPUs", number, "The \"vcpus\" backend parameter", r -> be(r, "vcpus")));
    }

    private static Object be(InstanceResource.Row r, String key) {
        return InstanceResource.filledBe(r).get(key);
    }

    /** A field per hypervisor parameter of any hypervisor, typed by its default's type as in Ganeti. */
    private static void hypervisor(InstanceResource res) {
        Map<String, Object> params = new TreeMap<>();
        Defaults.hvparams().values().forEach(m -> m.forEach(params::putIfAbsent));
        Defaults.HV_GLOBALS.forEach(params::remove); // cluster-only parameters: no instance field
        params.forEach((name, dflt) -> {
            FieldKind kind = dflt instanceof Boolean ? bool : dflt instanceof Integer || dflt instanceof Long
                    ? number : other;
            res.add(Field.cell("hv/" + name, HV_TITLES.getOrDefault(name, "hv/" + name), kind,
                    "The \"" + name + "\" hypervisor parameter", r -> {
                        Map<String, Object> hv = InstanceResource.filledHv(r);
                        return hv.containsKey(name) ? ResultCell.of(hv.get(name))
                                : new ResultCell(ResultStatus.UNAVAIL, null);
                    }));
        });
    }

    private static void disks(InstanceResource res) {
        for (int i = 0; i < MAX_DISKS; i++) {
            int idx = i;
            String nth = ordinal(i + 1);
            disk(res, "disk.size/" + i, "Disk/" + i, unit, "Disk size of " + nth + " disk", idx, Disk::size);
            disk(res, "disk.spindles/" + i, "DiskSpindles/" + i, number, "Spindles of " + nth + " disk", idx,
                    Disk::spindles);
            disk(res, "disk.name/" + i, "DiskName/" + i, text, "Name of " + nth + " disk", idx, Disk::name);
            disk(res, "disk.uuid/" + i, "DiskUUID/" + i, text, "UUID of " + nth + " disk", idx, Disk::uuid);
        }
        disk(res, "sda_size", "Disk/0", unit, "Disk size of 1st disk", 0, Disk::size);
        disk(res, "sdb_size", "Disk/1", unit, "Disk size of 2nd disk", 1, Disk::size);
    }

    private static void disk(InstanceResource res, String name, String title, FieldKind kind, String doc, int idx,
                             Function<Disk, Object> get) {
        res.add(Field.cell(name, title, kind, doc, r -> idx < r.inst().disks().size()
                ? ResultCell.of(get.apply(r.inst().disks().get(idx))) : new ResultCell(ResultStatus.UNAVAIL, null)));
    }

    private static void nics(InstanceResource res) {
        for (int i = 0; i < MAX_NICS; i++) {
            String nth = ordinal(i + 1) + " network interface";
            nic(res, "nic.mac/" + i, "NicMAC/" + i, "MAC address of " + nth, i, (r, n) -> n.mac());
            nic(res, "nic.ip/" + i, "NicIP/" + i, "IP address of " + nth, i, (r, n) -> n.ip());
            nic(res, "nic.mode/" + i, "NicMode/" + i, "Mode of " + nth, i, (r, n) -> n.mode());
            nic(res, "nic.link/" + i, "NicLink/" + i, "Link of " + nth, i, (r, n) -> n.link());
            nic(res, "nic.vlan/" + i, "NicVLAN/" + i, "VLAN of " + nth, i,
                    (r, n) -> n.vlan() == null ? vlanDefault(r) : n.vlan());
            nic(res, "nic.network/" + i, "NicNetwork/" + i, "Network of " + nth, i, (r, n) -> n.network());
            nic(res, "nic.network.name/" + i, "NicNetworkName/" + i, "Network name of " + nth, i,
                    (r, n) -> n.network());
            nic(res, "nic.bridge/" + i, "NicBridge/" + i, "Bridge of " + nth, i,
                    (r, n) -> "bridged".equals(n.mode()) ? n.link() : null);
            nic(res, "nic.name/" + i, "NicName/" + i, "Name address of " + nth, i, (r, n) -> n.name());
            nic(res, "nic.uuid/" + i, "NicUUID/" + i, "UUID address of " + nth, i, (r, n) -> n.uuid());
        }
        nic(res, "ip", "NicIP/0", "IP address of 1st network interface", 0, (r, n) -> n.ip());
        nic(res, "mac", "NicMAC/0", "MAC address of 1st network interface", 0, (r, n) -> n.mac());
        nic(res, "bridge", "NicBridge/0", "Bridge of 1st network interface", 0,
                (r, n) -> "bridged".equals(n.mode()) ? n.link() : null);
        nic(res, "nic_mode", "NicMode/0", "Mode of 1st network interface", 0, (r, n) -> n.mode());
        nic(res, "nic_link", "NicLink/0", "Link of 1st network interface", 0, (r, n) -> n.link());
        nic(res, "nic_network", "NicNetwork/0", "Network of 1st network interface", 0, (r, n) -> n.network());
    }

    private static void nic(InstanceResource res, String name, String title, String doc, int idx,
                            java.util.function.BiFunction<InstanceResource.Row, Nic, Object> get) {
        res.add(Field.cell(name, title, text, doc, r -> idx < r.inst().nics().size()
                ? ResultCell.of(get.apply(r, r.inst().nics().get(idx))) : new ResultCell(ResultStatus.UNAVAIL, null)));
    }

    private static Object vlanDefault(InstanceResource.Row r) {
        return r.cluster() == null ? "" : r.cluster().nicparams().getOrDefault("vlan", "");
    }

    /** English ordinals as Ganeti's field descriptions use them: 1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th. */
    static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
