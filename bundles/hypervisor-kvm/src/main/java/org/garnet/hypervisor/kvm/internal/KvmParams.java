package org.garnet.hypervisor.kvm.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;

/**
 * Ganeti's KVM hypervisor parameters: their names, types and defaults ({@code hvcDefaults}), and the syntax checks
 * of {@code KVMHypervisor.PARAMETERS}, with Ganeti's messages. Values typed as strings on a command line are
 * converted as Ganeti's {@code ForceDictType} converts them.
 */
final class KvmParams {
    enum Type { STRING, BOOL, INT }

    /** One parameter: {@code required} as Ganeti's checker tuple says; {@code check} null = no check. */
    record Param(String name, Type type, Object dflt, boolean required, Predicate<Object> check, String error) {
    }

    static final Set<String> BOOT_ORDERS = Set.of("cdrom", "disk", "floppy", "network");
    static final Set<String> NIC_TYPES = Set.of("e1000", "i82551", "i82559er", "i82557b", "ne2k_isa", "ne2k_pci",
            "paravirtual", "pcnet", "rtl8139");
    static final Set<String> DISK_TYPES = Set.of("ide", "mtd", "paravirtual", "pflash", "scsi", "sd",
            "scsi-generic", "scsi-block", "scsi-hd", "scsi-cd");
    static final Set<String> SCSI_CONTROLLERS = Set.of("lsi", "virtio-scsi-pci", "megasas", "dc390");
    static final Set<String> CACHE_TYPES = Set.of("default", "none", "writeback", "writethrough");
    static final Set<String> DISCARD_TYPES = Set.of("ignore", "unmap");
    static final Set<String> AIO_TYPES = Set.of("threads", "native", "io_uring");
    static final Set<String> MOUSE_TYPES = Set.of("mouse", "tablet");
    static final Set<String> SECURITY_MODELS = Set.of("none", "pool", "user");
    static final Set<String> KVM_FLAGS = Set.of("disabled", "enabled");
    static final Set<String> REBOOT_BEHAVIORS = Set.of("reboot", "exit");
    static final Set<String> MIGRATION_MODES = Set.of("live", "non-live");
    static final Set<String> LOSSLESS = Set.of("auto_glz", "auto_lz", "quic", "glz", "lz", "off");
    static final Set<String> LOSSY = Set.of("auto", "never", "always");
    static final Set<String> VIDEO_STREAM = Set.of("off", "all", "filter");

    static final Map<String, Param> ALL;

    static {
        Map<String, Param> m = new LinkedHashMap<>();
        str(m, "kvm_path", "/usr/bin/kvm", true, KvmParams::isFile, "path to file");
        str(m, "kernel_path", "/boot/vmlinuz-3-kvmU", false, KvmParams::isFile, "path to file");
        str(m, "initrd_path", "", false, KvmParams::isFile, "path to file");
        str(m, "root_path", "/dev/vda1", false, null, null);
        str(m, "kernel_args", "ro", false, null, null);
        bool(m, "acpi", true);
        bool(m, "serial_console", true);
        num(m, "serial_speed", 38400, false, null, null);
        str(m, "vnc_bind_address", "", false, null, null);
        bool(m, "vnc_tls", false);
        str(m, "vnc_x509_path", "", false, KvmParams::isDir, "path to directory");
        bool(m, "vnc_x509_verify", false);
        str(m, "vnc_password_file", "", false, KvmParams::isFile, "path to file");
        str(m, "spice_bind", "", false, null, null);
        num(m, "spice_ip_version", 0, false, v -> List.of(0, 4, 6).contains(((Number) v).intValue()),
                "The SPICE IP version should be 4 or 6");
        str(m, "spice_password_file", "", false, KvmParams::isFile, "path to file");
        in(m, "spice_image_compression", "", false, LOSSLESS);
        in(m, "spice_jpeg_wan_compression", "", false, LOSSY);
        in(m, "spice_zlib_glz_wan_compression", "", false, LOSSY);
        in(m, "spice_streaming_video", "", false, VIDEO_STREAM);
        bool(m, "spice_playback_compression", true);
        bool(m, "spice_use_tls", false);
        str(m, "spice_tls_ciphers", "HIGH:-DES:-3DES:-EXPORT:-DH", false, null, null);
        bool(m, "spice_use_vdagent", true);
        str(m, "floppy_image_path", "", false, KvmParams::isFile, "path to file");
        str(m, "cdrom_image_path", "", false, KvmParams::isFileOrUrl, "path to file or URL");
        str(m, "cdrom2_image_path", "", false, KvmParams::isFileOrUrl, "path to file or URL");
        in(m, "boot_order", "disk", true, BOOT_ORDERS);
        in(m, "nic_type", "paravirtual", true, NIC_TYPES);
        in(m, "disk_type", "paravirtual", true, DISK_TYPES);
        in(m, "scsi_controller_type", "lsi", true, SCSI_CONTROLLERS);
        in(m, "disk_discard", "ignore", false, DISCARD_TYPES);
        in(m, "cdrom_disk_type", "", false, DISK_TYPES);
        in(m, "usb_mouse", "", false, MOUSE_TYPES);
        str(m, "keymap", "", false, null, null);
        num(m, "migration_port", 8102, true, v -> ((Number) v).intValue() > 0 && ((Number) v).intValue() < 65536,
                "invalid port number");
        num(m, "migration_bandwidth", 32, true, KvmParams::nonNegative, "negative value");
        num(m, "migration_downtime", 30, true, KvmParams::nonNegative, "negative value");
        in(m, "migration_mode", "live", true, MIGRATION_MODES);
        bool(m, "use_guest_agent", false);
        bool(m, "use_localtime", false);
        in(m, "disk_cache", "default", true, CACHE_TYPES);
        in(m, "disk_aio", "threads", false, AIO_TYPES);
        in(m, "security_model", "none", true, SECURITY_MODELS);
        str(m, "security_domain", "", false, null, null);
        in(m, "kvm_flag", "", false, KVM_FLAGS);
        bool(m, "vhost_net", true);
        num(m, "virtio_net_queues", 1, false, v -> ((Number) v).intValue() >= 1 && ((Number) v).intValue() <= 8,
                "invalid number of queues (1-8)");
        bool(m, "use_chroot", false);
        bool(m, "user_shutdown", false);
        str(m, "mem_path", "", false, KvmParams::isDir, "path to directory");
        in(m, "reboot_behavior", "reboot", true, REBOOT_BEHAVIORS);
        str(m, "cpu_mask", "all", false, v -> ((String) v).matches("all|[0-9,:\\-a]+"), "Invalid CPU mask");
        str(m, "cpu_type", "", false, null, null);
        num(m, "cpu_cores", 0, false, KvmParams::nonNegative, "negative value");
        num(m, "cpu_threads", 0, false, KvmParams::nonNegative, "negative value");
        num(m, "cpu_sockets", 0, false, KvmParams::nonNegative, "negative value");
        str(m, "soundhw", "", false, null, null);
        str(m, "usb_devices", "", false, null, null);
        str(m, "vga", "", false, null, null);
        str(m, "kvm_extra", "", false, null, null);
        str(m, "machine_version", "", false, null, null);
        str(m, "migration_caps", "", false, null, null);
        num(m, "kvm_pci_reservations", 12, false, v -> ((Number) v).intValue() >= 0
                && ((Number) v).intValue() <= 32, "The number of PCI slots managed by QEMU (max: 32)");
        bool(m, "vnet_hdr", true);
        ALL = Collections.unmodifiableMap(m);
    }

    private KvmParams() {
    }

    /** Ganeti's defaults, every parameter. */
    static Map<String, Object> defaults() {
        Map<String, Object> out = new LinkedHashMap<>();
        ALL.values().forEach(p -> out.put(p.name(), p.dflt()));
        return out;
    }

    /**
     * {@code given} typed as Ganeti types it, over the defaults: an unknown name or a value of the wrong type is
     * refused (OpPrereqError, ECODE_INVAL) with Ganeti's message.
     */
    static Map<String, Object> typed(Map<String, Object> given) {
        Map<String, Object> out = defaults();
        for (Map.Entry<String, Object> e : given.entrySet()) {
            Param p = ALL.get(e.getKey());
            if (p == null) {
                throw invalid("Parameter '" + e.getKey() + "' is not supported");
            }
            out.put(p.name(), convert(p, e.getValue()));
        }
        return out;
    }

    /** Ganeti's CheckParameterSyntax on the filled parameters (types first, then each check). */
    static Map<String, Object> check(Map<String, Object> given) {
        Map<String, Object> hv = typed(given);
        for (Param p : ALL.values()) {
            Object v = hv.get(p.name());
            boolean unset = v == null || "".equals(v);
            if (unset && !p.required()) {
                continue;
            }
            if (unset) {
                throw invalid("Parameter '" + p.name() + "' is required but is currently not defined");
            }
            if (p.check() != null && !p.check().test(v)) {
                throw invalid("Parameter '" + p.name() + "' fails syntax check: " + p.error() + " (current value: '"
                        + v + "')");
            }
        }
        if (!((String) hv.get("spice_bind")).isEmpty()) { // SPICE is not offered by this driver
            throw invalid("SPICE is not supported by this node's kvm driver (spice_bind is set)");
        }
        if ("user".equals(hv.get("security_model")) && ((String) hv.get("security_domain")).isEmpty()) {
            throw invalid("Security model 'user' requires a security domain");
        }
        return hv;
    }

    private static Object convert(Param p, Object v) {
        if (v == null || "default".equals(v)) {
            return p.dflt();
        }
        return switch (p.type()) {
            case STRING -> {
                if (v instanceof String) {
                    yield v;
                }
                if (Boolean.FALSE.equals(v)) {
                    yield "";
                }
                throw invalid("'" + p.name() + "' (value " + v + ") is not a valid string");
            }
            case BOOL -> {
                if (v instanceof Boolean b) {
                    yield b;
                }
                if (v instanceof String s && !s.isEmpty()) {
                    if (s.equalsIgnoreCase("false")) {
                        yield false;
                    }
                    if (s.equalsIgnoreCase("true")) {
                        yield true;
                    }
                    throw invalid("'" + p.name() + "' (value " + v + ") is not a valid boolean");
                }
                yield v instanceof Number n ? n.intValue() != 0 : false;
            }
            case INT -> {
                if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                    yield n.intValue();
                }
                try {
                    yield Integer.parseInt(String.valueOf(v).trim());
                } catch (NumberFormatException e) {
                    throw invalid("'" + p.name() + "' (value " + v + ") is not a valid integer");
                }
            }
        };
    }

    private static void str(Map<String, Param> m, String name, String dflt, boolean required,
                            Predicate<Object> check, String error) {
        m.put(name, new Param(name, Type.STRING, dflt, required, check, error));
    }

    private static void in(Map<String, Param> m, String name, String dflt, boolean required, Set<String> allowed) {
        m.put(name, new Param(name, Type.STRING, dflt, required, allowed::contains, "The value must be one of: "
                + String.join(", ", allowed.stream().sorted().toList())));
    }

    private static void bool(Map<String, Param> m, String name, boolean dflt) {
        m.put(name, new Param(name, Type.BOOL, dflt, false, null, null));
    }

    private static void num(Map<String, Param> m, String name, int dflt, boolean required, Predicate<Object> check,
                            String error) {
        m.put(name, new Param(name, Type.INT, dflt, required, check, error));
    }

    private static boolean nonNegative(Object v) {
        return ((Number) v).intValue() >= 0;
    }

    // Ganeti's file checks: an absolute path; whether it exists is a node-side check (verify, start)
    private static boolean isFile(Object v) {
        return ((String) v).startsWith("/");
    }

    private static boolean isDir(Object v) {
        return ((String) v).startsWith("/");
    }

    private static boolean isFileOrUrl(Object v) {
        String s = (String) v;
        return s.startsWith("/") || s.matches("(https?|ftp)://.+");
    }

    /** Whether the file a parameter names exists on this node (start-time check). */
    static boolean exists(String path) {
        return Files.exists(Path.of(path));
    }

    static GanetiException invalid(String message) {
        return GanetiException.prereq(message, ErrorCode.ECODE_INVAL);
    }
}
