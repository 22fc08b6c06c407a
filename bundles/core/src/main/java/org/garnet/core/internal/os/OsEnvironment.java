package org.garnet.core.internal.os;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Nic;

/**
 * The environment Ganeti gives OS scripts ({@code OSCoreEnv} + {@code OSEnvironment}, API 20): OS and instance
 * identity, {@code DISK_<i>_*} and {@code NIC_<i>_*} per device, {@code OSP_<NAME>} per OS parameter,
 * {@code INSTANCE_BE_*}/{@code INSTANCE_HV_*} for the filled parameters.
 */
public final class OsEnvironment {
    private OsEnvironment() {
    }

    public static Map<String, String> of(int apiVersion, String osName, String variant, Instance inst,
                                         String primaryNodeName, List<String> diskPaths, Map<String, Object> osparams,
                                         Map<String, Object> beparams, Map<String, Object> hvparams, int debugLevel) {
        Map<String, String> env = new TreeMap<>();
        env.put("PATH", "/usr/local/sbin:/usr/sbin:/sbin:/usr/local/bin:/usr/bin:/bin");
        env.put("OS_API_VERSION", Integer.toString(apiVersion));
        env.put("OS_NAME", osName);
        env.put("OS_VARIANT", variant == null ? "" : variant);
        env.put("DEBUG_LEVEL", Integer.toString(debugLevel));
        osparams.forEach((k, v) -> env.put("OSP_" + k.toUpperCase(Locale.ROOT).replace('-', '_'), str(v)));
        env.put("INSTANCE_NAME", inst.name());
        env.put("INSTANCE_OS", inst.os());
        env.put("INSTANCE_UUID", inst.uuid());
        env.put("INSTANCE_CTIME", Double.toString(inst.ctime()));
        env.put("INSTANCE_MTIME", Double.toString(inst.mtime()));
        env.put("INSTANCE_PRIMARY_NODE", primaryNodeName);
        env.put("INSTANCE_SECONDARY_NODES", "");
        env.put("HYPERVISOR", inst.hypervisor());
        env.put("DISK_COUNT", Integer.toString(inst.disks().size()));
        for (int i = 0; i < inst.disks().size(); i++) {
            Disk d = inst.disks().get(i);
            String p = "DISK_" + i + "_";
            env.put(p + "ACCESS", d.mode());
            env.put(p + "UUID", d.uuid());
            env.put(p + "SIZE", Long.toString(d.size()));
            if (d.name() != null) {
                env.put(p + "NAME", d.name());
            }
            if (i < diskPaths.size()) {
                env.put(p + "PATH", diskPaths.get(i));
            }
            env.put(p + "BACKEND_TYPE", d.logicalId().size() == 2 && (d.devType().equals("file")
                    || d.devType().equals("sharedfile")) ? "file:" + d.logicalId().get(0) : "block");
            Object frontend = hvparams.get("disk_type");
            if (frontend != null) {
                env.put(p + "FRONTEND_TYPE", str(frontend));
            }
        }
        env.put("NIC_COUNT", Integer.toString(inst.nics().size()));
        for (int i = 0; i < inst.nics().size(); i++) {
            Nic n = inst.nics().get(i);
            String p = "NIC_" + i + "_";
            env.put(p + "MAC", n.mac());
            env.put(p + "UUID", n.uuid());
            if (n.name() != null) {
                env.put(p + "NAME", n.name());
            }
            if (n.ip() != null) {
                env.put(p + "IP", n.ip());
            }
            env.put(p + "MODE", n.mode());
            env.put(p + "LINK", n.link() == null ? "" : n.link());
            if ("bridged".equals(n.mode())) {
                env.put(p + "BRIDGE", n.link() == null ? "" : n.link());
            }
            Object frontend = hvparams.get("nic_type");
            if (frontend != null) {
                env.put(p + "FRONTEND_TYPE", str(frontend));
            }
        }
        beparams.forEach((k, v) -> env.put("INSTANCE_BE_" + k, str(v)));
        hvparams.forEach((k, v) -> env.put("INSTANCE_HV_" + k, str(v)));
        return env;
    }

    private static String str(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(v);
    }
}
