package org.garnet.core.internal.lu.instance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.lu.LuContext;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.core.internal.rpc.DataEnd;
import org.garnet.core.internal.rpc.NodeRpc;

/**
 * The import side of {@code OP_INSTANCE_CREATE} in mode {@code import} (Ganeti's _ReadExportInfo,
 * _ReadExportParams and the import transfer): the export is found (on the node given, else on whichever node
 * lists it), its {@code config.ini} supplies the OS and whatever the opcode leaves out (disks, NICs, tags,
 * hypervisor and its parameters, backend and OS parameters), and each disk's dump is streamed from the source
 * node into the new disk, through the OS's {@code import} script when the instance has an OS.
 */
final class InstanceImport {
    final Node srcNode;
    final String srcPath;
    final ExportConfig info;

    private InstanceImport(Node srcNode, String srcPath, ExportConfig info) {
        this.srcNode = srcNode;
        this.srcPath = srcPath;
        this.info = info;
    }

    /** Finds and reads the export the opcode names ({@code src_node}, {@code src_path}, default the name). */
    static InstanceImport read(ConfigStore store, NodeRpc nodes, Map<String, Object> p) {
        String path = p.get("src_path") != null ? (String) p.get("src_path") : (String) p.get("instance_name");
        Node src;
        if (p.get("src_node") != null) {
            String n = (String) p.get("src_node");
            src = store.byName(Node.class, n).orElseThrow(() -> GanetiException.prereq("Node '" + n + "' not "
                    + "known", ErrorCode.ECODE_NOENT));
        } else {
            src = null;
            for (Node n : store.list(Node.class)) {
                if (BackupQueryOp.query(nodes, List.of(n)).get(n.name()) instanceof List<?> l && l.contains(path)) {
                    src = n;
                    break;
                }
            }
            if (src == null) {
                throw GanetiException.prereq("No export found for relative path " + path, ErrorCode.ECODE_INVAL);
            }
        }
        Instances.requireOnline(src);
        String text;
        try {
            text = nodes.at(src).exportInfo(path);
        } catch (GanetiException e) {
            throw GanetiException.prereq("No export or invalid export found in dir " + path + ": "
                    + e.getMessage(), ErrorCode.ECODE_INVAL);
        }
        ExportConfig info = ExportConfig.parse(text);
        String version = info.get("export", "version");
        if (!String.valueOf(ExportConfig.VERSION).equals(version)) {
            throw GanetiException.prereq("Wrong export version " + version + " (wanted " + ExportConfig.VERSION
                    + ")", ErrorCode.ECODE_ENVIRON);
        }
        return new InstanceImport(src, path, info);
    }

    /** The instance's name when it was exported. */
    String oldName() {
        return info.get("instance", "name");
    }

    /** Ganeti's _ReadExportParams: the export's values where the opcode gives none (the OS always). */
    void fillParams(Map<String, Object> p) {
        String os = info.get("export", "os");
        p.put("os_type", os == null || os.isEmpty() ? null : os);
        if (os == null || os.isEmpty()) {
            p.put("no_install", true); // no OS: the disks' data is written as it is
        }
        if (((List<?>) p.get("disks")).isEmpty()) {
            List<Map<String, Object>> disks = new ArrayList<>();
            for (int i = 0; info.has("instance", "disk" + i + "_size"); i++) {
                Map<String, Object> d = new HashMap<>();
                d.put("size", Long.parseLong(info.get("instance", "disk" + i + "_size")));
                if (info.get("instance", "disk" + i + "_name") != null) {
                    d.put("name", info.get("instance", "disk" + i + "_name"));
                }
                disks.add(d);
            }
            if (disks.isEmpty() && !"diskless".equals(p.get("disk_template"))) {
                throw GanetiException.prereq("No disk info specified and the export is missing the disk "
                        + "information", ErrorCode.ECODE_INVAL);
            }
            p.put("disks", disks);
        }
        if (((List<?>) p.get("nics")).isEmpty()) {
            List<Map<String, Object>> nics = new ArrayList<>();
            for (int i = 0; info.has("instance", "nic" + i + "_mac"); i++) {
                Map<String, Object> n = new HashMap<>();
                List<String> keys = new ArrayList<>(List.of("ip", "mac", "name"));
                String network = info.get("instance", "nic" + i + "_network");
                if (network != null) {
                    n.put("network", network);
                } else {
                    keys.addAll(List.of("mode", "link", "vlan"));
                }
                for (String k : keys) {
                    String v = info.get("instance", "nic" + i + "_" + k);
                    if (v != null) {
                        n.put(k, v);
                    }
                }
                nics.add(n);
            }
            p.put("nics", nics);
        }
        if (((List<?>) p.get("tags")).isEmpty() && info.get("instance", "tags") != null) {
            String tags = info.get("instance", "tags").strip();
            p.put("tags", tags.isEmpty() ? List.of() : List.of(tags.split("\\s+")));
        }
        if (p.get("hypervisor") == null && info.get("instance", "hypervisor") != null) {
            p.put("hypervisor", info.get("instance", "hypervisor"));
        }
        p.put("hvparams", merged(p.get("hvparams"), info.items("hypervisor"), true));
        Map<String, Object> be = merged(p.get("beparams"), info.items("backend"), true);
        if (info.items("backend").containsKey("memory")) {
            be.putIfAbsent("maxmem", typed(info.items("backend").get("memory")));
            be.putIfAbsent("minmem", typed(info.items("backend").get("memory")));
            be.remove("memory");
        }
        p.put("beparams", be);
        p.put("osparams", merged(p.get("osparams"), info.items("os"), false));
    }

    /** The opcode's own values, the export's beneath them (as written, strings: typed where they are used). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> merged(Object own, Map<String, String> fromExport, boolean typed) {
        Map<String, Object> out = new LinkedHashMap<>();
        fromExport.forEach((k, v) -> {
            Object value = typed ? typed(v) : v;
            if (value != null) { // Ganeti's "None": no value
                out.put(k, value);
            }
        });
        if (own instanceof Map<?, ?> m) {
            out.putAll((Map<String, Object>) m);
        }
        return out;
    }

    /** ConfigParser keeps strings; Ganeti types them by the parameter's type: numbers and booleans here. */
    private static Object typed(String v) {
        if (v.equals("True") || v.equals("False")) {
            return Boolean.parseBoolean(v);
        }
        if (v.matches("-?\\d{1,18}")) {
            return Long.parseLong(v);
        }
        if (v.matches("-?\\d+\\.\\d+")) {
            return Double.parseDouble(v);
        }
        return v.equalsIgnoreCase("none") ? null : v;
    }

    /** The MAC a NIC had in the export, for an instance imported under its old name. */
    String mac(int nic) {
        return info.get("instance", "nic" + nic + "_mac");
    }

    /** Streams each disk's dump into the instance's disk on {@code pnode}; warns about disks that failed. */
    void transfer(NodeRpc nodes, LuContext ctx, Instance inst, Node pnode, Map<String, String> osEnv,
                  String compress) {
        ctx.feedback("* running the instance OS import scripts...");
        boolean allOk = true;
        for (int i = 0; i < inst.disks().size(); i++) {
            String dump = info.get("instance", "disk" + i + "_dump");
            if (dump == null) {
                continue;
            }
            Disk d = inst.disks().get(i);
            DataEnd to = inst.os().isEmpty() ? DataEnd.disk(d.devType(), d)
                    : DataEnd.script(d.devType(), d, OsScriptEnv.name(inst), i, osEnv);
            try {
                DiskCopy.copy(nodes, ctx, "disk/" + i, srcNode, DataEnd.file(srcPath + "/" + dump), pnode, to,
                        compress);
            } catch (GanetiException e) {
                ctx.feedback(" - WARNING: disk/" + i + " failed: " + e.getMessage());
                allOk = false;
            }
        }
        if (!allOk) {
            ctx.feedback(" - WARNING: Some disks for instance " + inst.name() + " on node " + pnode.name()
                    + " were not imported successfully");
        }
    }
}
