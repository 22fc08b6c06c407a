package org.garnet.core.internal.lu.instance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Nic;

/**
 * An export's {@code config.ini} (Ganeti's FinalizeExport and ExportInfo, export version 0): sections
 * {@code export} (version, timestamp, source node, OS, compression), {@code instance} (memory, vcpus, disk
 * template, hypervisor, tags, {@code nicN_*}, {@code diskN_*} with each dump's file name), and the instance's
 * filled {@code hypervisor}, {@code backend} and {@code os} parameters, in Python's ConfigParser format, so an
 * export moves between Garnet and Ganeti.
 */
final class ExportConfig {
    static final int VERSION = 0;

    private final Map<String, Map<String, String>> sections;

    private ExportConfig(Map<String, Map<String, String>> sections) {
        this.sections = sections;
    }

    /** The configuration of {@code inst} exported from {@code source} (disk dumps named by disk uuid). */
    static String write(Cluster cluster, Instance inst, String source, List<Disk> disks) {
        Map<String, Object> be = Instances.filledBe(cluster, inst.beparams());
        Map<String, Map<String, String>> s = new LinkedHashMap<>();
        Map<String, String> exp = section(s, "export");
        exp.put("version", Integer.toString(VERSION));
        exp.put("timestamp", Long.toString(System.currentTimeMillis() / 1000));
        exp.put("source", source);
        exp.put("os", inst.os());
        exp.put("compression", "none");
        Map<String, String> ins = section(s, "instance");
        ins.put("name", inst.name());
        ins.put("maxmem", str(be.get("maxmem")));
        ins.put("minmem", str(be.get("minmem")));
        ins.put("memory", str(be.get("maxmem")));
        ins.put("vcpus", str(be.get("vcpus")));
        ins.put("disk_template", inst.diskTemplate());
        ins.put("hypervisor", inst.hypervisor());
        ins.put("tags", String.join(" ", inst.tags()));
        for (int i = 0; i < inst.nics().size(); i++) {
            Nic n = inst.nics().get(i);
            ins.put("nic" + i + "_mac", str(n.mac()));
            ins.put("nic" + i + "_ip", str(n.ip()));
            ins.put("nic" + i + "_network", str(n.network()));
            ins.put("nic" + i + "_name", str(n.name()));
            ins.put("nic" + i + "_mode", str(n.mode()));
            ins.put("nic" + i + "_link", str(n.link()));
            ins.put("nic" + i + "_vlan", str(n.vlan()));
        }
        ins.put("nic_count", Integer.toString(inst.nics().size()));
        for (int i = 0; i < disks.size(); i++) {
            Disk d = disks.get(i);
            ins.put("disk" + i + "_ivname", "disk/" + i);
            ins.put("disk" + i + "_dump", d.uuid());
            ins.put("disk" + i + "_size", Long.toString(d.size()));
            ins.put("disk" + i + "_name", str(d.name()));
        }
        ins.put("disk_count", Integer.toString(disks.size()));
        Map<String, String> hyp = section(s, "hypervisor");
        Instances.filledHv(cluster, inst.hypervisor(), inst.hvparams()).forEach((k, v) -> hyp.put(k, str(v)));
        Map<String, String> bep = section(s, "backend");
        be.forEach((k, v) -> bep.put(k, str(v)));
        Map<String, String> osp = section(s, "os");
        inst.osparams().forEach((k, v) -> osp.put(k, str(v)));
        section(s, "os_private");
        StringBuilder out = new StringBuilder();
        s.forEach((name, values) -> {
            out.append('[').append(name).append("]\n");
            values.forEach((k, v) -> out.append(k).append(" = ").append(v.replace("\n", "\n\t")).append('\n'));
            out.append('\n');
        });
        return out.toString();
    }

    /** Reads a {@code config.ini} (option names in lower case, as ConfigParser keeps them). */
    static ExportConfig parse(String text) {
        Map<String, Map<String, String>> s = new LinkedHashMap<>();
        Map<String, String> current = null;
        String lastKey = null;
        for (String line : text.split("\n", -1)) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (current != null && lastKey != null && Character.isWhitespace(line.charAt(0))) {
                current.put(lastKey, current.get(lastKey) + "\n" + line.strip());
                continue;
            }
            String t = line.strip();
            if (t.startsWith("[") && t.endsWith("]")) {
                current = section(s, t.substring(1, t.length() - 1));
                lastKey = null;
                continue;
            }
            int eq = indexOfSeparator(t);
            if (current != null && eq > 0) {
                lastKey = t.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                current.put(lastKey, t.substring(eq + 1).strip());
            }
        }
        return new ExportConfig(s);
    }

    boolean has(String section) {
        return sections.containsKey(section);
    }

    boolean has(String section, String option) {
        return sections.containsKey(section) && sections.get(section).containsKey(option);
    }

    /** An option's value; Ganeti reads {@code None} (any case) as no value. */
    String get(String section, String option) {
        String v = sections.getOrDefault(section, Map.of()).get(option);
        return v == null || v.equalsIgnoreCase("none") ? null : v;
    }

    /** A section's options as written (empty if it is missing). */
    Map<String, String> items(String section) {
        return sections.getOrDefault(section, Map.of());
    }

    private static int indexOfSeparator(String t) {
        int eq = t.indexOf('=');
        int colon = t.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static Map<String, String> section(Map<String, Map<String, String>> s, String name) {
        return s.computeIfAbsent(name, k -> new LinkedHashMap<>());
    }

    private static String str(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(v);
    }
}
