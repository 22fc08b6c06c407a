package org.garnet.hypervisor.kvm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.garnet.api.hypervisor.HvInstance;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Nic;

/**
 * qemu's command line for an instance, as Ganeti's {@code _GenerateKVMRuntime}/{@code _ExecuteKVMRuntime} build
 * it (3.0's {@code -drive} disks): {@code -daemonize} with a pid file, so the guest outlives the appliance and is
 * found again from its pid file; QMP, monitor and serial on unix sockets; {@code -S} (continued over QMP once
 * started, unless a paused start was asked); disks and NICs on PCI slots from {@code kvm_pci_reservations} on,
 * with Ganeti's device ids ({@code disk-}/{@code nic-} and the uuid up to its third dash); NICs are tap devices
 * named {@code gt} + a digest of the MAC ({@link #tapName}). {@code kvm_flag}: {@code enabled} asks for KVM ({@code accel=kvm}),
 * {@code disabled} for qemu's TCG ({@code accel=tcg}); empty leaves qemu's own choice.
 */
final class KvmCommand {
    static final int VNC_BASE_PORT = 5900;

    /** A NIC's tap device and how it is attached ({@code bridged} to {@code link}, or {@code routed}). */
    record Tap(String name, String mode, String link, String mac, String ip) {
    }

    /** The command line and the taps it needs. */
    record Runtime(List<String> argv, List<Tap> taps) {
    }

    private KvmCommand() {
    }

    static Runtime build(HvInstance hvi, Map<String, Object> hv, KvmDirs dirs, boolean paused, String incoming) {
        return build(hvi, hv, dirs, paused, incoming, Map.of());
    }

    /**
     * As above, with the PCI slots of some devices given by their ids ({@code fixed}): a migration target lays out
     * the devices as its source has them, hotplugged ones included.
     */
    static Runtime build(HvInstance hvi, Map<String, Object> hv, KvmDirs dirs, boolean paused, String incoming,
                         Map<String, Integer> fixed) {
        Instance inst = hvi.instance();
        String name = inst.name();
        List<String> a = new ArrayList<>();
        a.add((String) hv.get("kvm_path"));
        a.addAll(List.of("-name", name));
        a.addAll(List.of("-m", Long.toString(memory(hvi.beparams()))));
        StringBuilder smp = new StringBuilder(Long.toString(number(hvi.beparams().get("vcpus"), 1)));
        for (String k : List.of("cores", "threads", "sockets")) {
            int n = (Integer) hv.get("cpu_" + k);
            if (n > 0) {
                smp.append(',').append(k).append('=').append(n);
            }
        }
        a.addAll(List.of("-smp", smp.toString()));
        a.addAll(List.of("-pidfile", dirs.pid(name).toString()));
        String diskType = (String) hv.get("disk_type");
        if (diskType.startsWith("scsi")) {
            a.addAll(List.of("-device", hv.get("scsi_controller_type") + ",id=scsi"));
        }
        a.addAll(List.of("-device", "virtio-balloon"));
        a.add("-daemonize");
        a.addAll(List.of("-D", dirs.log(name).toString()));
        if ("exit".equals(hv.get("reboot_behavior"))) {
            a.add("-no-reboot");
        }
        List<String> machine = new ArrayList<>();
        String version = (String) hv.get("machine_version");
        machine.add(version.isEmpty() ? "pc" : version);
        if (!(Boolean) hv.get("acpi")) {
            machine.add("acpi=off");
        }
        switch ((String) hv.get("kvm_flag")) {
            case "enabled" -> machine.add("accel=kvm");
            case "disabled" -> machine.add("accel=tcg");
            default -> { } // qemu's own choice
        }
        a.addAll(List.of("-machine", String.join(",", machine)));
        String kernel = (String) hv.get("kernel_path");
        if (!kernel.isEmpty()) {
            a.addAll(List.of("-kernel", kernel));
            String initrd = (String) hv.get("initrd_path");
            if (!initrd.isEmpty()) {
                a.addAll(List.of("-initrd", initrd));
            }
            StringBuilder append = new StringBuilder("root=").append(hv.get("root_path")).append(' ')
                    .append(hv.get("kernel_args"));
            if ((Boolean) hv.get("serial_console")) {
                append.append(" console=ttyS0,").append(hv.get("serial_speed"));
            }
            a.addAll(List.of("-append", append.toString()));
        } else if ("network".equals(hv.get("boot_order"))) {
            a.addAll(List.of("-boot", "n"));
        }
        if (!((String) hv.get("cpu_type")).isEmpty()) {
            a.addAll(List.of("-cpu", (String) hv.get("cpu_type")));
        }
        if (!((String) hv.get("mem_path")).isEmpty()) {
            a.addAll(List.of("-mem-path", (String) hv.get("mem_path"), "-mem-prealloc"));
        }
        a.addAll(List.of("-monitor", "unix:" + dirs.monitor(name) + ",server,nowait"));
        a.addAll(List.of("-serial", (Boolean) hv.get("serial_console") ? "unix:" + dirs.serial(name)
                + ",server,nowait" : "none"));
        String vnc = (String) hv.get("vnc_bind_address");
        Integer port = inst.networkPort();
        if (!vnc.isEmpty() && port != null && port > VNC_BASE_PORT) {
            a.addAll(List.of("-vnc", (vnc.equals("0.0.0.0") ? "" : vnc.contains(":") ? "[" + vnc + "]" : vnc) + ":"
                    + (port - VNC_BASE_PORT)));
        } else {
            a.addAll(List.of("-display", "none"));
        }
        if (isUuid(inst.uuid())) {
            a.addAll(List.of("-uuid", inst.uuid()));
        }
        if (!((String) hv.get("soundhw")).isEmpty()) {
            a.addAll(List.of("-device", (String) hv.get("soundhw")));
        }
        if (!((String) hv.get("vga")).isEmpty()) {
            a.addAll(List.of("-vga", (String) hv.get("vga")));
        }
        String cdrom = (String) hv.get("cdrom_image_path");
        if (!cdrom.isEmpty()) {
            a.addAll(List.of("-drive", "file=" + cdrom + ",format=raw,media=cdrom,if=none,id=cdrom1,readonly=on"));
            a.addAll(List.of("-device", "ide-cd,drive=cdrom1" + ("cdrom".equals(hv.get("boot_order"))
                    && kernel.isEmpty() ? ",bootindex=1" : "")));
        }
        PciSlots slots = new PciSlots((Integer) hv.get("kvm_pci_reservations"), fixed);
        for (int i = 0; i < hvi.diskPaths().size(); i++) {
            Disk d = i < inst.disks().size() ? inst.disks().get(i) : null;
            String id = diskId(d == null ? "idx-" + i : d.uuid());
            boolean boot = i == 0 && kernel.isEmpty() && "disk".equals(hv.get("boot_order"));
            a.addAll(disk(hv, hvi.diskPaths().get(i), id, d != null && "ro".equals(d.mode()), boot, slots));
        }
        List<Tap> taps = new ArrayList<>();
        if (inst.nics().isEmpty()) {
            a.addAll(List.of("-net", "none"));
        }
        for (Nic n : inst.nics()) {
            Tap tap = tap(n, dirs);
            taps.add(tap);
            a.addAll(nic(hv, nicId(n), tap, slots));
        }
        a.addAll(List.of("-qmp", "unix:" + dirs.qmp(name) + ",server,nowait"));
        if (incoming != null) {
            a.addAll(List.of("-incoming", incoming));
        } else {
            a.add("-S"); // continued over QMP once everything is in place (unless a paused start was asked)
        }
        String extra = ((String) hv.get("kvm_extra")).trim();
        if (!extra.isEmpty()) {
            a.addAll(List.of(extra.split("\\s+")));
        }
        return new Runtime(a, taps);
    }

    /** A NIC's tap device on this node. */
    static Tap tap(Nic n, KvmDirs dirs) {
        return new Tap(tapName(n.mac(), dirs.root().toString()), n.mode() == null ? "bridged" : n.mode(), n.link(),
                n.mac(), n.ip());
    }

    static String diskId(String uuid) {
        return "disk-" + shortId(uuid);
    }

    static String nicId(Nic n) {
        return "nic-" + shortId(n.uuid() == null ? n.mac() : n.uuid());
    }

    /** One NIC: its {@code -netdev} (the tap) and its {@code -device}, on the next free PCI slot. */
    static List<String> nic(Map<String, Object> hv, String id, Tap tap, PciSlots slots) {
        boolean vhost = (Boolean) hv.get("vhost_net") && "enabled".equals(hv.get("kvm_flag"));
        String type = (String) hv.get("nic_type");
        String driver = "paravirtual".equals(type) ? "virtio-net-pci" : type;
        return List.of("-netdev", "tap,id=" + id + ",ifname=" + tap.name() + ",script=no,downscript=no"
                + (vhost ? ",vhost=on" : ""), "-device", driver + ",id=" + id + ",netdev=" + id + ",mac=" + tap.mac()
                + ("ne2k_isa".equals(type) ? "" : ",bus=pci.0,addr=0x" + Integer.toHexString(slots.of(id))));
    }

    /** One disk: its {@code -drive} and, unless an old-style interface, its {@code -device} (on a PCI slot). */
    static List<String> disk(Map<String, Object> hv, String path, String id, boolean readOnly, boolean boot,
                             PciSlots slots) {
        List<String> a = new ArrayList<>();
        String type = (String) hv.get("disk_type");
        // a block device or file, or a userspace URI (an ExtStorage provider's kvm: line, e.g. nbd:unix:/path),
        // whose commas qemu's option syntax takes doubled
        StringBuilder drive = new StringBuilder("file=").append(path.startsWith("/") ? path
                : path.replace(",", ",,")).append(",format=raw");
        String cache = (String) hv.get("disk_cache");
        if (!"default".equals(cache)) {
            drive.append(",cache=").append(cache);
        }
        if ("unmap".equals(hv.get("disk_discard"))) {
            drive.append(",discard=unmap");
        }
        if (!"threads".equals(hv.get("disk_aio"))) {
            drive.append(",aio=").append(hv.get("disk_aio"));
        }
        if (readOnly) {
            drive.append(",readonly=on");
        }
        if (List.of("sd", "mtd", "pflash").contains(type)) {
            a.addAll(List.of("-drive", drive + ",if=" + type));
            return a;
        }
        a.addAll(List.of("-drive", drive + ",if=none,id=" + id));
        String bootIndex = boot ? ",bootindex=1" : "";
        switch (type) {
            case "paravirtual" -> a.addAll(List.of("-device", "virtio-blk-pci,id=" + id + ",drive=" + id
                    + ",bus=pci.0,addr=0x" + Integer.toHexString(slots.of(id)) + bootIndex));
            case "ide" -> a.addAll(List.of("-device", "ide-hd,id=" + id + ",drive=" + id + bootIndex));
            case "scsi" -> a.addAll(List.of("-device", "scsi-hd,id=" + id + ",drive=" + id + bootIndex));
            default -> a.addAll(List.of("-device", type + ",id=" + id + ",drive=" + id + bootIndex));
        }
        return a;
    }

    /** Ganeti's device id part: the uuid up to its third dash. */
    static String shortId(String uuid) {
        String[] parts = uuid.split("-");
        return parts.length >= 3 ? parts[0] + "-" + parts[1] + "-" + parts[2] : uuid;
    }

    /**
     * The tap device of a NIC on this node: {@code gt} and 12 hex digits of a digest of the MAC and the node's run
     * directory (15 characters at most, as Linux wants; two appliances on one machine, the source and the target
     * of a migration, get different taps for the same NIC).
     */
    static String tapName(String mac, String node) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest((node + "|" + mac).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
            return "gt" + java.util.HexFormat.of().formatHex(d, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long memory(Map<String, Object> be) {
        return number(be.get("maxmem"), number(be.get("memory"), 128));
    }

    static long number(Object v, long dflt) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return dflt;
            }
        }
        return dflt;
    }

    private static boolean isUuid(String s) {
        return s != null && s.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    }
}
