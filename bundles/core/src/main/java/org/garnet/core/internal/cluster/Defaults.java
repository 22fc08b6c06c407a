package org.garnet.core.internal.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

/** Ganeti's cluster-wide parameter defaults (constants {@code beDefaults}, {@code nicDefaults}, ...). */
public final class Defaults {
    static final String MAC_PREFIX = "aa:00:00";
    static final String MASTER_NETDEV = "xen-br0";
    static final String VG_NAME = "xenvg";
    static final int CANDIDATE_POOL_SIZE = 10;
    static final int MAX_RUNNING_JOBS = 20;
    static final int MAX_TRACKED_JOBS = 25;

    /** Ganeti's hypervisor parameters that are the cluster's only ({@code HVC_GLOBALS}): no instance has them. */
    public static final java.util.Set<String> HV_GLOBALS = java.util.Set.of("migration_port", "migration_bandwidth",
            "migration_mode", "xen_cmd");
    /** Ganeti's monitoring data collectors. */
    static final java.util.List<String> DATA_COLLECTORS = java.util.List.of("cpu-avg-load", "diskstats", "drbd",
            "inst-status-xen", "lv", "xen-cpu-avg-load");

    private Defaults() {
    }

    /**
     * Ganeti's cluster settings Garnet does not let change yet, under their RAPI names, with Ganeti's defaults
     * (no monitoring daemon runs yet: the collectors are Ganeti's default, all active every 5 s).
     */
    static Map<String, Object> fixedSettings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("use_external_mip_script", false);
        m.put("drbd_usermode_helper", null);
        m.put("gluster_storage_dir", "/var/run/ganeti/gluster");
        m.put("uid_pool", java.util.List.of());
        m.put("reserved_lvs", java.util.List.of());
        m.put("hidden_os", java.util.List.of());
        m.put("blacklisted_os", java.util.List.of());
        m.put("install_image", "");
        m.put("instance_communication_network", "");
        m.put("zeroing_image", "");
        m.put("compression_tools", java.util.List.of("gzip", "gzip-fast", "gzip-slow"));
        m.put("enabled_user_shutdown", false);
        Map<String, Object> collectors = new LinkedHashMap<>();
        Map<String, Object> intervals = new LinkedHashMap<>();
        for (String dc : DATA_COLLECTORS) {
            collectors.put(dc, true);
            intervals.put(dc, 5_000_000);
        }
        m.put("enabled_data_collectors", collectors);
        m.put("data_collector_interval", intervals);
        m.put("modify_ssh_setup", true);
        m.put("ssh_key_type", "rsa");
        m.put("ssh_key_bits", 2048);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The cluster's {@code compression_tools} (fixed: Ganeti's default list). */
    @SuppressWarnings("unchecked")
    public static java.util.List<String> compressionTools() {
        return (java.util.List<String>) fixedSettings().get("compression_tools");
    }

    static Map<String, Object> beparams() {
        Map<String, Object> be = new LinkedHashMap<>();
        be.put("always_failover", false);
        be.put("auto_balance", true);
        be.put("maxmem", 128);
        be.put("minmem", 128);
        be.put("spindle_use", 1);
        be.put("vcpus", 1);
        return be;
    }

    static Map<String, Object> nicparams() {
        return Map.of("mode", "bridged", "link", MASTER_NETDEV, "vlan", "");
    }

    static Map<String, Object> ndparams() {
        Map<String, Object> nd = new LinkedHashMap<>();
        nd.put("cpu_speed", 1); // a float parameter whose default Ganeti's configuration holds as 1
        nd.put("exclusive_storage", false);
        nd.put("oob_program", "");
        nd.put("ovs", false);
        nd.put("ovs_link", "");
        nd.put("ovs_name", "switch1");
        nd.put("spindle_count", 1);
        nd.put("ssh_port", 22);
        return nd;
    }

    /** Ganeti's hypervisor parameter defaults, per hypervisor (constants {@code hvcDefaults}). */
    public static Map<String, Map<String, Object>> hvparams() {
        return table("hvparams");
    }

    /** Ganeti's disk parameter defaults, per disk template (constants {@code diskDtDefaults}). */
    static Map<String, Map<String, Object>> diskparams() {
        return table("diskparams");
    }

    /** Each table entry with {@code given}'s entry of the same name laid over it. */
    static Map<String, Map<String, Object>> filled(Map<String, Map<String, Object>> defaults,
                                                   Map<String, Map<String, Object>> given) {
        Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
        defaults.forEach((k, v) -> out.put(k, merged(v, given == null ? null : given.get(k))));
        if (given != null) {
            given.forEach((k, v) -> out.putIfAbsent(k, new LinkedHashMap<>(v)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> table(String name) {
        try (var in = Defaults.class.getResourceAsStream("ganeti-defaults.json")) {
            Map<String, Object> all = org.garnet.core.internal.Json.mapper().readValue(in, Map.class);
            return (Map<String, Map<String, Object>>) all.get(name);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read Ganeti's parameter defaults: " + e.getMessage(), e);
        }
    }

    /** A copy of {@code defaults} with {@code given} laid over it. */
    static Map<String, Object> merged(Map<String, Object> defaults, Map<String, Object> given) {
        Map<String, Object> out = new LinkedHashMap<>(defaults);
        if (given != null) {
            out.putAll(given);
        }
        return out;
    }
}
