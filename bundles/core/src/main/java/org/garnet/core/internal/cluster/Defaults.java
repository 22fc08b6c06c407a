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

    private Defaults() {
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
