package org.garnet.htools.hail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The opcodes of evacuation jobs, as JSON objects in Ganeti's field order (Ganeti's iMoveToJob). */
final class OpCodes {
    private OpCodes() {
    }

    /** Failover/migration; {@code target} null for DRBD. Forthcoming instances get a forced failover. */
    static Map<String, Object> failover(String iname, boolean forthcoming, String target) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (forthcoming) {
            o.put("OP_ID", "OP_INSTANCE_FAILOVER");
            o.put("instance_name", iname);
            o.put("shutdown_timeout", 120);
            o.put("ignore_consistency", false);
            if (target != null) {
                o.put("target_node", target);
            }
            o.put("ignore_ipolicy", false);
            o.put("cleanup", false);
            return o;
        }
        o.put("OP_ID", "OP_INSTANCE_MIGRATE");
        o.put("instance_name", iname);
        if (target != null) {
            o.put("target_node", target);
        }
        o.put("allow_runtime_changes", false);
        o.put("ignore_ipolicy", false);
        o.put("cleanup", false);
        o.put("allow_failover", true);
        o.put("ignore_hvversions", true);
        return o;
    }

    static Map<String, Object> replaceSecondary(String iname, String remote) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("OP_ID", "OP_INSTANCE_REPLACE_DISKS");
        o.put("instance_name", iname);
        o.put("early_release", false);
        o.put("ignore_ipolicy", false);
        o.put("mode", "replace_new_secondary");
        o.put("disks", List.of());
        o.put("remote_node", remote);
        return o;
    }
}
