package org.garnet.shell.internal.instance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.format.KeyValues;
import org.garnet.shell.internal.format.Sizes;
import org.garnet.shell.internal.jobs.JobAction;

/**
 * {@code gnt-instance add -t TEMPLATE -o OS[+VARIANT] (-s SIZE | --disk N:size=S,...) [-n NODE] [-B ...] [-H ...]
 * [--net N:...] [--tags ...] [--no-start] [--no-install] ... NAME}: builds {@code OP_INSTANCE_CREATE} as
 * Ganeti's client does (sizes in MiB, one default NIC unless {@code --no-nics}).
 */
@Service
@Command(scope = "gnt.instance", name = "add", description = "Creates and adds a new instance to the cluster")
public class AddCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Option(name = "--disk-template", aliases = "-t", description = "Custom disk setup")
    String template;
    @Option(name = "--os-type", aliases = "-o", description = "What OS to run")
    String os;
    @Option(name = "--os-size", aliases = "-s", description = "Single-disk size, in MiB unless a suffix is used")
    String size;
    @Option(name = "--disk", multiValued = true, description = "Disk parameters: N:size=S,mode=rw|ro,name=X")
    List<String> disks;
    @Option(name = "--node", aliases = "-n", description = "Target node and optional secondary node")
    String node;
    @Option(name = "--iallocator", aliases = "-I", description = "Select nodes with this iallocator")
    String iallocator;
    @Option(name = "--node-group", aliases = "-g", description = "Node group (name or uuid)")
    String group;
    @Option(name = "--backend-parameters", aliases = "-B", description = "Backend parameters")
    String beparams;
    @Option(name = "--hypervisor-parameters", aliases = "-H", description = "hypervisor:option=value,...")
    String hvparams;
    @Option(name = "--os-parameters", aliases = "-O", description = "OS parameters")
    String osparams;
    @Option(name = "--net", multiValued = true, description = "NIC parameters: N:mac=M,link=L,mode=M,ip=I")
    List<String> nets;
    @Option(name = "--no-nics", description = "Do not create any network cards for the instance")
    boolean noNics;
    @Option(name = "--tags", description = "Comma-separated list of instance tags")
    String tags;
    @Option(name = "--no-start", description = "Don't start the instance after creation")
    boolean noStart;
    @Option(name = "--no-install", description = "Do not install the OS (will enable no-start)")
    boolean noInstall;
    @Option(name = "--file-storage-dir", description = "Relative path under the file storage dir")
    String fileStorageDir;
    @Option(name = "--file-driver", description = "Driver to use for image files")
    String fileDriver;
    @Option(name = "--opportunistic-locking", description = "Opportunistically acquire locks")
    boolean opportunistic;
    @Option(name = "--ignore-ipolicy", description = "Ignore instance policy violations")
    boolean ignoreIpolicy;
    @Option(name = "--force-variant", description = "Force an unknown variant")
    boolean forceVariant;
    @Option(name = "--no-name-check", description = "Don't check that the instance's name is resolvable")
    boolean noNameCheck;
    @Option(name = "--no-ip-check", description = "Don't check that the instance's IP is alive")
    boolean noIpCheck;
    @Option(name = "--no-wait-for-sync", description = "Don't wait for sync (DANGEROUS!)")
    boolean noWait;

    @Argument(name = "instance-name", required = true, description = "Name of the new instance")
    String name;

    @Override
    protected String tool() {
        return "gnt-instance";
    }

    @Override
    protected String command() {
        return "add";
    }

    /** Ganeti's creation mode: {@code create} here, {@code import} for gnt-backup import. */
    protected String mode() {
        return "create";
    }

    /** What the mode adds to the opcode. */
    protected void more(Map<String, Object> p) {
    }

    @Override
    public Object execute() {
        if (template == null) {
            throw GanetiException.prereq("No disk template specified", ErrorCode.ECODE_INVAL);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("instance_name", name);
        p.put("mode", mode());
        p.put("disk_template", template);
        p.put("disks", disks());
        p.put("nics", nics());
        if (os != null) {
            p.put("os_type", os);
        }
        if (node != null) {
            String[] parts = node.split(":", 2);
            p.put("pnode", parts[0]);
            if (parts.length > 1) {
                p.put("snode", parts[1]);
            }
        }
        put(p, "iallocator", iallocator);
        put(p, "group_name", group);
        Map<String, Object> be = new LinkedHashMap<>(beparams == null ? Map.of()
                : Sizes.beparams(KeyValues.parse(beparams)));
        Object memory = be.remove("memory"); // Ganeti's client turns memory into maxmem and minmem
        if (memory != null) {
            be.putIfAbsent("maxmem", memory);
            be.putIfAbsent("minmem", memory);
        }
        p.put("beparams", be);
        if (hvparams != null) {
            int colon = hvparams.indexOf(':');
            p.put("hypervisor", colon < 0 ? hvparams : hvparams.substring(0, colon));
            p.put("hvparams", colon < 0 ? Map.of() : KeyValues.parse(hvparams.substring(colon + 1)));
        }
        p.put("osparams", osparams == null ? Map.of() : KeyValues.parse(osparams));
        p.put("tags", tags == null ? List.of() : KeyValues.list(tags));
        p.put("start", !noStart && !noInstall && mode().equals("create"));
        if (mode().equals("create")) {
            p.put("no_install", noInstall);
        }
        put(p, "file_storage_dir", fileStorageDir);
        // Ganeti's default file driver for the file-based templates
        put(p, "file_driver", fileDriver == null && List.of("file", "sharedfile").contains(template) ? "loop"
                : fileDriver);
        p.put("opportunistic_locking", opportunistic);
        p.put("ignore_ipolicy", ignoreIpolicy);
        p.put("force_variant", forceVariant);
        p.put("wait_for_sync", !noWait);
        p.put("name_check", !noNameCheck);
        p.put("ip_check", !noIpCheck && !noNameCheck);
        more(p);
        runJob(queue, List.of(OpCode.of("OP_INSTANCE_CREATE", p)));
        return null;
    }

    private List<Object> disks() {
        if (size != null && disks != null) {
            throw GanetiException.prereq("Cannot specify both disks and os-size", ErrorCode.ECODE_INVAL);
        }
        if ("diskless".equals(template)) {
            if (size != null || disks != null) {
                throw GanetiException.prereq("Diskless instance but disk information passed",
                        ErrorCode.ECODE_INVAL);
            }
            return List.of();
        }
        if (size != null) {
            return List.of(Map.of("size", Sizes.mib(size)));
        }
        if (disks == null) {
            if (!mode().equals("create")) {
                return List.of(); // an import takes the export's disks
            }
            throw GanetiException.prereq("No disk information specified", ErrorCode.ECODE_INVAL);
        }
        return indexed(disks, "--disk", true);
    }

    private List<Object> nics() {
        if (noNics) {
            return List.of();
        }
        if (nets == null) {
            // a new instance gets one default NIC; an import takes the export's NICs
            return mode().equals("create") ? List.of(Map.of()) : List.of();
        }
        return indexed(nets, "--net", false);
    }

    /** {@code N:key=value,...} entries in index order (Ganeti's disk/NIC option format). */
    private static List<Object> indexed(List<String> specs, String option, boolean disk) {
        TreeMap<Integer, Map<String, Object>> byIndex = new TreeMap<>();
        for (String spec : specs) {
            int colon = spec.indexOf(':');
            String idx = colon < 0 ? spec : spec.substring(0, colon);
            int i;
            try {
                i = Integer.parseInt(idx);
            } catch (NumberFormatException e) {
                throw GanetiException.prereq("Invalid " + option + " index passed: " + idx, ErrorCode.ECODE_INVAL);
            }
            Map<String, Object> kv = new LinkedHashMap<>(colon < 0 ? Map.of()
                    : KeyValues.parse(spec.substring(colon + 1)));
            if (disk) {
                Object s = kv.get("size");
                if (!(s instanceof String str)) {
                    throw GanetiException.prereq("Missing size or adoption source for disk " + i,
                            ErrorCode.ECODE_INVAL);
                }
                kv.put("size", Sizes.mib(str));
            }
            byIndex.put(i, kv);
        }
        if (!byIndex.isEmpty() && byIndex.lastKey() != byIndex.size() - 1) {
            throw GanetiException.prereq(option + " indices must be consecutive from 0", ErrorCode.ECODE_INVAL);
        }
        return new ArrayList<>(byIndex.values());
    }

    private static void put(Map<String, Object> p, String key, Object value) {
        if (value != null) {
            p.put(key, value);
        }
    }
}
