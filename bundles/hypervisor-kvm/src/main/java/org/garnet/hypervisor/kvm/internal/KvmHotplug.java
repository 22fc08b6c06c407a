package org.garnet.hypervisor.kvm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.garnet.api.GanetiException;
import org.garnet.api.hypervisor.HvInstance;
import org.garnet.api.hypervisor.Hypervisor;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Nic;
import org.garnet.hypervisor.kvm.internal.KvmCommand.Tap;

/**
 * Ganeti 3.0's KVM hotplug over QMP. Disks: HMP {@code drive_add} (through QMP's {@code human-monitor-command},
 * as 3.0 does) and {@code device_add} on a free PCI slot; removal {@code device_del} (the drive goes with its
 * device). NICs: the tap set up as at start, {@code netdev_add} on it and {@code device_add}; removal
 * {@code device_del} and {@code netdev_del}, then the tap removed; modify = removal and addition on the same slot.
 * Each change is checked in {@code query-pci} (the device there, or gone: the guest acknowledges an unplug), then
 * written to the saved runtime, so a reboot or a migration target lays the devices out the same way.
 */
final class KvmHotplug {
    /** Disk and NIC types that can be hotplugged (Ganeti's {@code _HOTPLUGGABLE_DEVICE_TYPES}). */
    private static final List<String> DISK_TYPES = List.of("paravirtual", "scsi-block", "scsi-generic", "scsi-hd",
            "scsi-cd");
    /** How long a plugged or unplugged device may take to show in {@code query-pci} (Ganeti: 5 tries 1 s apart;
     * a TCG guest acknowledges an unplug more slowly). */
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final Pattern IFNAME = Pattern.compile("(?:^|,)ifname=([^,]+)");
    private final KvmHypervisor kvm;

    KvmHotplug(KvmHypervisor kvm) {
        this.kvm = kvm;
    }

    /** Ganeti's {@code HotplugSupported}: the instance runs here with a qemu of 1.7 or later. */
    void check(HvInstance instance) {
        String name = instance.instance().name();
        if (kvm.process(name).isEmpty()) {
            throw KvmHypervisor.hvError("Instance is probably down");
        }
        try (Qmp q = kvm.qmp(name)) {
            JsonNode v = q.execute("query-version", null).path("qemu");
            if (v.path("major").asInt() < 1 || v.path("major").asInt() == 1 && v.path("minor").asInt() < 7) {
                throw KvmHypervisor.hvError("Hotplug not supported for qemu versions < 1.7");
            }
        } catch (IOException e) {
            throw KvmHypervisor.hvError("Instance is probably down");
        }
    }

    void apply(HvInstance instance, String action, String target, int index) {
        String name = instance.instance().name();
        KvmHypervisor.Saved saved = kvm.runtime(name).orElseThrow(() -> KvmHypervisor.hvError(
                "Hotplug is not supported: instance " + name + " has no runtime file on this node"));
        Map<String, Object> hv = KvmParams.typed(saved.hvparams());
        String type = (String) hv.get(target.equals("disk") ? "disk_type" : "nic_type");
        if (target.equals("disk") ? !DISK_TYPES.contains(type) : "ne2k_isa".equals(type)) {
            throw KvmHypervisor.hvError("Hotplug is not supported: Hotplug is not supported for device type "
                    + type);
        }
        List<String> argv = new ArrayList<>(saved.argv());
        List<Tap> taps = new ArrayList<>(saved.taps());
        try (Qmp q = kvm.qmp(name)) {
            switch (target + "/" + action) {
                case "disk/" + Hypervisor.HOTPLUG_ADD -> addDisk(q, instance, hv, index, argv);
                case "disk/" + Hypervisor.HOTPLUG_REMOVE -> remove(q, KvmCommand.diskId(disk(instance, index).uuid()),
                        false, argv, taps);
                case "nic/" + Hypervisor.HOTPLUG_ADD -> addNic(q, instance, hv, index, argv, taps, null);
                case "nic/" + Hypervisor.HOTPLUG_REMOVE -> remove(q, KvmCommand.nicId(nic(instance, index)), true,
                        argv, taps);
                case "nic/" + Hypervisor.HOTPLUG_MODIFY -> {
                    String id = KvmCommand.nicId(nic(instance, index));
                    Integer slot = PciSlots.inUse(argv).get(id);
                    remove(q, id, true, argv, taps);
                    addNic(q, instance, hv, index, argv, taps, slot);
                }
                default -> throw KvmHypervisor.hvError("Hotplug is not supported: cannot " + action + " a " + target);
            }
        } catch (IOException e) {
            throw KvmHypervisor.hvError(e.getMessage());
        }
        try {
            kvm.saveRuntime(name, new KvmCommand.Runtime(argv, taps), saved.hvparams());
        } catch (IOException e) {
            throw KvmHypervisor.hvError("Device hotplugged but the runtime of " + name + " not saved: "
                    + e.getMessage());
        }
    }

    private void addDisk(Qmp q, HvInstance instance, Map<String, Object> hv, int index, List<String> argv)
            throws IOException {
        Disk d = disk(instance, index);
        if (index >= instance.diskPaths().size()) {
            throw KvmHypervisor.hvError("No path given for disk " + index);
        }
        String id = KvmCommand.diskId(d.uuid());
        List<String> args = KvmCommand.disk(hv, instance.diskPaths().get(index), id, "ro".equals(d.mode()), false,
                slots(hv, argv));
        hmp(q, "drive_add dummy " + args.get(1));
        try {
            q.execute("device_add", properties(args.get(3)));
        } catch (IOException e) {
            hmp(q, "drive_del " + id);
            throw e;
        }
        settle(q, id, true);
        argv.addAll(insertAt(argv), args);
    }

    private void addNic(Qmp q, HvInstance instance, Map<String, Object> hv, int index, List<String> argv,
                        List<Tap> taps, Integer slot) throws IOException {
        Nic n = nic(instance, index);
        String id = KvmCommand.nicId(n);
        Tap tap = KvmCommand.tap(n, kvm.dirs);
        PciSlots slots = slot == null ? slots(hv, argv) : new PciSlots(0, Map.of(id, slot));
        List<String> args = KvmCommand.nic(hv, id, tap, slots);
        Taps.up(List.of(tap));
        try {
            Map<String, Object> netdev = new java.util.LinkedHashMap<>(properties(args.get(1)));
            netdev.remove("driver"); // the netdev's kind, first in its -netdev value
            netdev.put("type", "tap");
            netdev.computeIfPresent("vhost", (k, v) -> "on".equals(v)); // a boolean in QMP
            q.execute("netdev_add", netdev);
            try {
                q.execute("device_add", properties(args.get(3)));
            } catch (IOException e) {
                q.execute("netdev_del", Map.of("id", id));
                throw e;
            }
            settle(q, id, true);
        } catch (IOException | RuntimeException e) {
            Taps.down(List.of(tap));
            throw e;
        }
        argv.addAll(insertAt(argv), args);
        taps.add(tap);
    }

    /** Unplugs device {@code id} (with its netdev and tap for a NIC) and drops it from {@code argv}. */
    private void remove(Qmp q, String id, boolean nic, List<String> argv, List<Tap> taps) throws IOException {
        if (!PciSlots.inUse(argv).containsKey(id)) {
            throw KvmHypervisor.hvError("Device " + id + " is not plugged into the instance");
        }
        q.execute("device_del", Map.of("id", id));
        settle(q, id, false);
        String tapName = null;
        for (int i = 0; i + 1 < argv.size(); i++) {
            if (List.of("-drive", "-device", "-netdev").contains(argv.get(i))
                    && Pattern.compile("(?:^|,)id=" + Pattern.quote(id) + "(?:,|$)").matcher(argv.get(i + 1)).find()) {
                Matcher m = IFNAME.matcher(argv.get(i + 1));
                if (argv.get(i).equals("-netdev") && m.find()) {
                    tapName = m.group(1);
                }
                argv.remove(i);
                argv.remove(i);
                i--;
            }
        }
        if (nic) {
            q.execute("netdev_del", Map.of("id", id));
            String gone = tapName;
            List<Tap> down = taps.stream().filter(t -> t.name().equals(gone)).toList();
            Taps.down(down);
            taps.removeAll(down);
        }
    }

    /** An HMP command through QMP; HMP answers errors as text, not as a QMP error. */
    private static void hmp(Qmp q, String command) throws IOException {
        String out = q.execute("human-monitor-command", Map.of("command-line", command)).asText().trim();
        if (!out.isEmpty() && !out.equals("OK")) {
            throw new IOException(command.split(" ")[0] + ": " + out);
        }
    }

    /** Waits (bounded) until device {@code id} is in {@code query-pci} ({@code present}) or gone from it. */
    private static void settle(Qmp q, String id, boolean present) throws IOException {
        long end = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            boolean found = false;
            for (JsonNode bus : q.execute("query-pci", null)) {
                for (JsonNode dev : bus.path("devices")) {
                    found |= id.equals(dev.path("qdev_id").asText());
                }
            }
            if (found == present) {
                return;
            }
            if (System.nanoTime() > end) {
                throw KvmHypervisor.hvError(present ? "Device " + id + " should have been added but is missing"
                        : "Device " + id + " should have been removed but is still there");
            }
            KvmHypervisor.sleep(200);
        }
    }

    /** Where added devices go in the saved command line: before {@code -qmp} (the devices' part of it). */
    private static int insertAt(List<String> argv) {
        int i = argv.indexOf("-qmp");
        return i < 0 ? argv.size() : i;
    }

    /** The slots of the running devices taken; a new device gets the first free one. */
    private static PciSlots slots(Map<String, Object> hv, List<String> argv) {
        return new PciSlots((Integer) hv.get("kvm_pci_reservations"), PciSlots.inUse(argv));
    }

    /** A {@code -device}/{@code -netdev} value as QMP arguments: its first word is the driver. */
    static Map<String, Object> properties(String value) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        String[] parts = value.split(",");
        for (int i = 0; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (i == 0 && eq < 0) {
                out.put("driver", parts[0]);
            } else if (eq > 0) {
                out.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            }
        }
        return out;
    }

    private static Disk disk(HvInstance instance, int index) {
        List<Disk> disks = instance.instance().disks();
        if (index < 0 || index >= disks.size()) {
            throw KvmHypervisor.hvError("Instance " + instance.instance().name() + " has no disk " + index);
        }
        return disks.get(index);
    }

    private static Nic nic(HvInstance instance, int index) {
        List<Nic> nics = instance.instance().nics();
        if (index < 0 || index >= nics.size()) {
            throw KvmHypervisor.hvError("Instance " + instance.instance().name() + " has no NIC " + index);
        }
        return nics.get(index);
    }
}
