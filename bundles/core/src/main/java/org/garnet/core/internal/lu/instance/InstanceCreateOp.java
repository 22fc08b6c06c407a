package org.garnet.core.internal.lu.instance;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.hypervisor.Hypervisor;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.locks.LockLevel;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Nic;
import org.garnet.api.model.Node;
import org.garnet.api.os.OsDefinition;
import org.garnet.api.storage.BlockDevice;
import org.garnet.api.storage.DiskRequest;
import org.garnet.api.storage.DiskTemplate;
import org.garnet.core.internal.iallocator.AllocateRequest;
import org.garnet.core.internal.CoreConfig;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.rpc.NodeRpc;
import org.garnet.core.internal.os.OsRunner;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_INSTANCE_CREATE} in mode {@code create} ({@code gnt-instance add}, RAPI {@code POST /2/instances}):
 * checks (unique name, template and hypervisor enabled and present, OS known, node known and able), creates the
 * disks through the template's driver, adds the instance, runs the OS {@code create} script (unless
 * {@code no_install}) and starts it (unless {@code start} is false). A failure after the disks exist removes
 * them and the instance again. Result: the node names used, as Ganeti.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + InstanceCreateOp.OP,
        configurationPid = CoreConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class InstanceCreateOp implements OpDefinition {
    static final String OP = "OP_INSTANCE_CREATE";
    private static final Duration OS_TIMEOUT = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The parameters, also used by {@code OP_INSTANCE_MULTI_ALLOC} to check its instance definitions. */
    static final List<OpParam> PARAMS = List.of(
            OpParam.required("instance_name", ParamType.STRING, "Instance name"),
            OpParam.optional("force_variant", ParamType.BOOL, false, "Whether to force an unknown OS variant"),
            OpParam.optional("wait_for_sync", ParamType.BOOL, true, "Whether to wait for the disk to synchronize"),
            OpParam.optional("name_check", ParamType.BOOL, true, "Whether to check name"),
            OpParam.optional("ignore_ipolicy", ParamType.BOOL, false, "Whether to ignore ipolicy violations"),
            OpParam.optional("opportunistic_locking", ParamType.BOOL, false, "Whether to employ opportunistic "
                    + "locking for nodes"),
            OpParam.optional("beparams", ParamType.DICT, Map.of(), "Backend parameters for instance"),
            OpParam.required("disks", ParamType.LIST, "List of instance disks"),
            OpParam.optional("disk_template", ParamType.STRING, null, "Disk template"),
            OpParam.optional("group_name", ParamType.STRING, null, "Node group name"),
            OpParam.optional("file_driver", ParamType.STRING, null, "Driver for file-backed disks"),
            OpParam.optional("file_storage_dir", ParamType.STRING, null, "Directory for storing file-backed disks"),
            OpParam.optional("hvparams", ParamType.DICT, Map.of(), "Hypervisor parameters for instance"),
            OpParam.optional("hypervisor", ParamType.STRING, null, "Selected hypervisor for an instance"),
            OpParam.optional("iallocator", ParamType.STRING, null, "Iallocator for deciding the target node"),
            OpParam.optional("identify_defaults", ParamType.BOOL, false, "Reset instance parameters to default"),
            OpParam.optional("ip_check", ParamType.BOOL, true, "Whether to ensure instance's IP is not in use"),
            OpParam.optional("conflicts_check", ParamType.BOOL, true, "Whether to check for conflicting IPs"),
            OpParam.required("mode", ParamType.STRING, "Instance creation mode")
                    .oneOf("create", "import", "remote-import"),
            OpParam.required("nics", ParamType.LIST, "List of NIC (network interface) definitions"),
            OpParam.optional("no_install", ParamType.BOOL, null, "Do not install the OS"),
            OpParam.optional("osparams", ParamType.DICT, Map.of(), "OS parameters for instance"),
            OpParam.optional("osparams_private", ParamType.DICT, Map.of(), "Private OS parameters for instance"),
            OpParam.optional("osparams_secret", ParamType.DICT, Map.of(), "Secret OS parameters for instance"),
            OpParam.optional("compress", ParamType.STRING, "none", "Compression mode to use for moves during "
                    + "backups/imports"),
            OpParam.optional("helper_startup_timeout", ParamType.INT, 300, "Startup timeout for the helper VM"),
            OpParam.optional("helper_shutdown_timeout", ParamType.INT, 7200, "Shutdown timeout for the helper VM"),
            OpParam.optional("source_shutdown_timeout", ParamType.NON_NEGATIVE_INT, 120, "Shutdown timeout of the "
                    + "source instance in remote imports"),
            OpParam.optional("os_type", ParamType.STRING, null, "OS type for instance installation"),
            OpParam.optional("pnode", ParamType.STRING, null, "Primary node for an instance"),
            OpParam.optional("pnode_uuid", ParamType.STRING, null, "Primary node UUID for an instance"),
            OpParam.optional("snode", ParamType.STRING, null, "Secondary node for an instance"),
            OpParam.optional("snode_uuid", ParamType.STRING, null, "Secondary node UUID for an instance"),
            OpParam.optional("src_node", ParamType.STRING, null, "Source node for import"),
            OpParam.optional("src_path", ParamType.STRING, null, "Source directory for import"),
            OpParam.optional("start", ParamType.BOOL, true, "Whether to start instance after creation"),
            OpParam.optional("forthcoming", ParamType.BOOL, false, "Only reserve resources"),
            OpParam.optional("commit", ParamType.BOOL, false, "Commit a forthcoming instance"),
            OpParam.optional("tags", ParamType.STRING_LIST, List.of(), "Instance tags"),
            OpParam.optional("instance_communication", ParamType.BOOL, false, "Enable instance communication"));

    @Reference
    ConfigStore store;

    @Reference
    Drivers drivers;

    @Reference
    NodeRpc nodes;

    public InstanceCreateOp() {
    }

    /** For tests: every node served in process by {@code drivers}, OS logs under {@code osLogDir}. */
    public InstanceCreateOp(ConfigStore store, Drivers drivers, java.nio.file.Path osLogDir) {
        this.store = store;
        this.drivers = drivers;
        this.nodes = NodeRpc.inProcess(drivers, osLogDir.getParent().getParent());
    }

    /** For tests: the nodes reached through {@code nodes}. */
    public InstanceCreateOp(ConfigStore store, Drivers drivers, NodeRpc nodes) {
        this.store = store;
        this.drivers = drivers;
        this.nodes = nodes;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return PARAMS;
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        return new Unit(op, ctx);
    }

    private static List<Disk> append(List<Disk> disks, Disk d) {
        List<Disk> out = new ArrayList<>(disks);
        out.add(d);
        return out;
    }

    private final class Unit implements LogicalUnit {
        private final OpCode op;
        private final LuContext ctx;
        private final Map<String, Object> p;
        private final String name;
        private Cluster cluster;
        private Node pnode;
        private String template;
        private String hvName;
        private String osName;
        private String variant;
        private OsDefinition os;
        private List<Map<String, Object>> disks;
        private List<Map<String, Object>> nics;
        private InstanceImport source;

        Unit(OpCode op, LuContext ctx) {
            this.op = op;
            this.ctx = ctx;
            this.p = new LinkedHashMap<>(op.params()); // an import fills in what its export says
            this.name = (String) p.get("instance_name");
        }

        @Override
        @SuppressWarnings("unchecked")
        public void checkArguments() {
            if ("remote-import".equals(p.get("mode"))) {
                throw GanetiException.prereq("Remote (inter-cluster) imports are not supported by Garnet; import "
                        + "an export of this cluster (mode import)", ErrorCode.ECODE_INVAL);
            }
            if (isImport()) {
                // on import the OS is the export's (Ganeti forces its variant: it worked when exported)
                p.put("force_variant", true);
                if (Boolean.TRUE.equals(p.get("no_install"))) {
                    ctx.feedback(" - INFO: No-installation mode has no effect during import");
                }
                return;
            }
            parseDevices();
        }

        private boolean isImport() {
            return "import".equals(p.get("mode"));
        }

        @SuppressWarnings("unchecked")
        private void parseDevices() {
            disks = new ArrayList<>();
            for (Object d : (List<Object>) p.get("disks")) {
                if (!(d instanceof Map<?, ?> m) || !(m.get("size") instanceof Number)) {
                    throw GanetiException.prereq("Invalid disk specification " + d + ": a size (MiB) is required",
                            ErrorCode.ECODE_INVAL);
                }
                disks.add((Map<String, Object>) m);
            }
            nics = new ArrayList<>();
            for (Object n : (List<Object>) p.get("nics")) {
                if (!(n instanceof Map<?, ?> m)) {
                    throw GanetiException.prereq("Invalid NIC specification " + n, ErrorCode.ECODE_INVAL);
                }
                nics.add((Map<String, Object>) m);
            }
            HostNames.check(name, Boolean.TRUE.equals(p.get("name_check")), Boolean.TRUE.equals(p.get("ip_check")));
            String osType = (String) p.get("os_type");
            if (osType == null && !Boolean.TRUE.equals(p.get("no_install"))) {
                throw GanetiException.prereq("No guest OS or OS image specified", ErrorCode.ECODE_INVAL);
            }
            if (osType != null) {
                int plus = osType.indexOf('+');
                osName = plus < 0 ? osType : osType.substring(0, plus);
                variant = plus < 0 ? null : osType.substring(plus + 1);
            }
        }

        private LockPlan plan;
        private String allocator;

        /**
         * Before any lock: the allocator's bundle when one places the instance (on the master), else the drivers
         * the given node needs for it — hypervisor and disk template (enabled ones), and the OS when it is
         * installed. A driver whose bundle went away makes the job wait for it; one never seen is the checks'
         * error under the locks.
         */
        @Override
        @SuppressWarnings("unchecked")
        public java.util.Optional<String> missingDriver() {
            Cluster c = store.cluster().orElse(null);
            if (c == null) {
                return java.util.Optional.empty();
            }
            String given = (String) p.get("pnode");
            if (given == null) {
                if (isImport()) {
                    return java.util.Optional.empty();
                }
                String alloc = p.get("iallocator") != null ? (String) p.get("iallocator") : c.defaultIallocator();
                return drivers.allocators().missing(alloc) ? java.util.Optional.of("IAllocator '" + alloc + "'")
                        : java.util.Optional.empty();
            }
            Node node = store.byName(Node.class, given).orElse(null);
            if (node == null || node.offline()) {
                return java.util.Optional.empty();
            }
            // only drivers the cluster enables: asking for another one is the checks' error, not a wait
            String hv = p.get("hypervisor") != null ? (String) p.get("hypervisor") : c.defaultHypervisor();
            hv = c.enabledHypervisors().contains(hv) ? hv : null;
            String tmpl = p.get("disk_template") != null ? (String) p.get("disk_template")
                    : c.enabledDiskTemplates().isEmpty() ? null : c.enabledDiskTemplates().get(0);
            tmpl = c.enabledDiskTemplates().contains(tmpl) ? tmpl : null;
            // ExtStorage providers are not waited for here: the node cannot tell one that went from a misspelt one,
            // which Ganeti refuses at once (the parameters.list check under the locks)
            List<String> providers = List.of();
            String installs = Boolean.TRUE.equals(p.get("no_install")) || isImport() ? null : osName;
            return java.util.Optional.ofNullable(nodes.at(node).missingDriver(hv,
                    tmpl == null ? List.of() : List.of(tmpl), providers, installs));
        }

        @Override
        public void declareLocks(LockPlan plan) {
            this.plan = plan;
            cluster = Instances.cluster(store);
            if (store.byName(Instance.class, name).isPresent()) {
                throw GanetiException.prereq("Instance '" + name + "' is already in the cluster",
                        ErrorCode.ECODE_EXISTS);
            }
            plan.need(LockLevel.INSTANCE, Set.of(name), false);
            String given = (String) p.get("pnode");
            if (isImport()) {
                // the export's node is locked too; unknown, every node (Ganeti's)
                if (p.get("src_node") == null || given == null) {
                    plan.need(LockLevel.NODE, LockPlan.ALL, false);
                    if (given != null) {
                        pnode = store.byName(Node.class, given).orElseThrow(() -> GanetiException.prereq(
                                "Node '" + given + "' not known", ErrorCode.ECODE_NOENT));
                        plan.need(LockLevel.NODE_RES, Set.of(pnode.uuid()), false);
                        return;
                    }
                } else {
                    Node src = store.byName(Node.class, (String) p.get("src_node")).orElseThrow(() ->
                            GanetiException.prereq("Node '" + p.get("src_node") + "' not known",
                                    ErrorCode.ECODE_NOENT));
                    pnode = store.byName(Node.class, given).orElseThrow(() -> GanetiException.prereq(
                            "Node '" + given + "' not known", ErrorCode.ECODE_NOENT));
                    plan.need(LockLevel.NODE, Set.of(pnode.uuid(), src.uuid()), false);
                    plan.need(LockLevel.NODE_RES, Set.of(pnode.uuid()), false);
                    return;
                }
            }
            if (given != null) {
                if (p.get("iallocator") != null) {
                    throw GanetiException.prereq("Do not specify both, iallocator and node", ErrorCode.ECODE_INVAL);
                }
                pnode = store.byName(Node.class, given).orElseThrow(() -> GanetiException.prereq(
                        "Node '" + given + "' not known", ErrorCode.ECODE_NOENT));
                plan.need(LockLevel.NODE, Set.of(pnode.uuid()), false);
                plan.need(LockLevel.NODE_RES, Set.of(pnode.uuid()), false);
                return;
            }
            allocator = p.get("iallocator") != null ? (String) p.get("iallocator") : cluster.defaultIallocator();
            if (allocator == null || allocator.isEmpty()) {
                throw GanetiException.prereq("No iallocator or node given and no cluster-wide default iallocator "
                        + "found; please specify either an iallocator or a node, or set a cluster-wide default "
                        + "iallocator", ErrorCode.ECODE_INVAL);
            }
            if (Boolean.TRUE.equals(p.get("opportunistic_locking")) && !isImport()) {
                plan.opportunistic(LockLevel.NODE, LockPlan.ALL, false, 1);
            } else {
                plan.need(LockLevel.NODE, LockPlan.ALL, false);
            }
        }

        @Override
        public void beforeLevel(LockLevel level, LockPlan lockPlan) {
            if (level == LockLevel.NODE_RES && allocator != null) {
                lockPlan.need(LockLevel.NODE_RES, lockPlan.held(LockLevel.NODE), false);
            }
        }

        /** Asks the allocator for the primary node among the nodes locked (and reachable) now. */
        @SuppressWarnings("unchecked")
        private Node allocate() {
            Map<String, AllocateRequest.NodeFigures> figures = AllocRequests.figures(nodes, store, cluster, hvName,
                    template);
            Set<String> usable = new TreeSet<>(plan.held(LockLevel.NODE));
            usable.retainAll(figures.keySet()); // the locked nodes that answered
            Map<String, Object> req = AllocRequests.instance(cluster, p, name, template, hvName, osName, disks, nics);
            Map<String, Object> resp = drivers.allocators().run(allocator,
                    AllocateRequest.build(store, cluster, figures, usable, req), cluster.defaultIallocatorParams());
            boolean ok = Boolean.TRUE.equals(resp.get("success")) && resp.get("result") instanceof List<?> r
                    && r.size() == 1;
            if (!ok) {
                throw GanetiException.prereq("Can't compute nodes using iallocator '" + allocator + "': "
                        + resp.get("info"), Boolean.TRUE.equals(p.get("opportunistic_locking"))
                        ? ErrorCode.ECODE_TEMP_NORES : ErrorCode.ECODE_NORES);
            }
            String chosen = String.valueOf(((List<?>) resp.get("result")).get(0));
            Node node = store.byName(Node.class, chosen).orElseThrow(() -> GanetiException.prereq("IAllocator "
                    + allocator + " chose an unknown node '" + chosen + "'", ErrorCode.ECODE_NORES));
            ctx.feedback("Selected nodes for instance " + name + " via iallocator " + allocator + ": " + chosen);
            Set<String> others = new TreeSet<>(plan.held(LockLevel.NODE));
            others.remove(node.uuid());
            plan.release(LockLevel.NODE, others);
            plan.release(LockLevel.NODE_RES, others);
            return node;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void checkPrereq() {
            cluster = Instances.cluster(store);
            if (store.byName(Instance.class, name).isPresent()) {
                throw GanetiException.prereq("Instance '" + name + "' is already in the cluster",
                        ErrorCode.ECODE_EXISTS);
            }
            if (isImport()) {
                source = InstanceImport.read(store, nodes, p);
                source.fillParams(p);
                parseDevices();
                if (name.equals(source.oldName())) {
                    for (int i = 0; i < nics.size(); i++) {
                        Object mac = nics.get(i).get("mac");
                        if ((mac == null || "auto".equals(mac)) && source.mac(i) != null) {
                            Map<String, Object> n = new LinkedHashMap<>(nics.get(i));
                            n.put("mac", source.mac(i));
                            nics.set(i, n);
                        }
                    }
                }
            }
            template = p.get("disk_template") != null ? (String) p.get("disk_template")
                    : cluster.enabledDiskTemplates().get(0);
            if (!cluster.enabledDiskTemplates().contains(template)) {
                throw GanetiException.prereq("Cannot create an instance with disk template '" + template + "', as "
                        + "it is not enabled in the cluster. Enabled disk templates are: "
                        + String.join(",", cluster.enabledDiskTemplates()), ErrorCode.ECODE_STATE);
            }
            if (template.equals("diskless") && !disks.isEmpty()) {
                throw GanetiException.prereq("Diskless instances can't have disks", ErrorCode.ECODE_INVAL);
            }
            if (!template.equals("diskless") && disks.isEmpty()) {
                throw GanetiException.prereq("Instances with disk template '" + template + "' need at least one "
                        + "disk", ErrorCode.ECODE_INVAL);
            }
            drivers.requireTemplate(template);
            for (Map<String, Object> d : disks) {
                ExtDisks.checkProvider(d, template);
            }
            hvName = p.get("hypervisor") != null ? (String) p.get("hypervisor") : cluster.defaultHypervisor();
            if (!cluster.enabledHypervisors().contains(hvName)) {
                throw GanetiException.prereq("Selected hypervisor (" + hvName + ") not enabled in the cluster "
                        + "(" + String.join(",", cluster.enabledHypervisors()) + ")", ErrorCode.ECODE_STATE);
            }
            Hypervisor hv = drivers.hypervisor(hvName).orElseThrow(() -> GanetiException.prereq("Hypervisor '"
                    + hvName + "' is not available (its bundle is not active)", ErrorCode.ECODE_ENVIRON));
            if (allocator != null && pnode == null) {
                pnode = allocate();
            }
            // what Ganeti's logical unit fills in on its opcode (job info shows it)
            ctx.recordParam("hypervisor", hvName);
            if (pnode != null) {
                ctx.recordParam("pnode", pnode.name());
                ctx.recordParam("pnode_uuid", pnode.uuid());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> hvp = (Map<String, Object>) p.get("hvparams");
            hv.checkParameters(Instances.filledHv(cluster, hvName, hvp));
            if (osName != null) {
                String where = pnode.name();
                // Ganeti asks the node to validate the OS parameters; a missing OS fails that call
                os = nodes.at(pnode).os(osName).orElseThrow(() -> GanetiException.exec("OS Parameters validation "
                        + "failed on node " + where + ": Directory for OS " + osName + " not found in search path"));
                if (os instanceof org.garnet.core.internal.node.OsInfo d && !d.valid()) {
                    throw GanetiException.prereq("OS '" + osName + "' not in supported OS list for node "
                            + where + ": " + d.problem(), ErrorCode.ECODE_INVAL);
                }
                if (variant != null && !os.variants().isEmpty() && !os.variants().contains(variant)
                        && !Boolean.TRUE.equals(p.get("force_variant"))) {
                    throw GanetiException.prereq("Unsupported OS variant '" + variant + "'", ErrorCode.ECODE_INVAL);
                }
                if (variant == null && !os.variants().isEmpty() && !Boolean.TRUE.equals(p.get("force_variant"))) {
                    throw GanetiException.prereq("OS name '" + osName + "' must include a variant",
                            ErrorCode.ECODE_INVAL);
                }
            }
            Instances.requireOnline(pnode);
            for (Map<String, Object> d : disks) { // ext: the provider is there and knows the parameters given
                Map<String, Object> own = ExtDisks.diskParams(template, d);
                if (!own.isEmpty()) {
                    nodes.at(pnode).template(template).checkDisk(ExtDisks.filled(cluster, template, own));
                }
            }
            if (os != null) {
                nodes.at(pnode).validateOs(osName, variant, (Map<String, Object>) p.get("osparams"));
            }
            if (pnode.drained()) {
                throw GanetiException.prereq("Can't use drained node " + pnode.name(), ErrorCode.ECODE_STATE);
            }
            if (!pnode.vmCapable() || pnode.offline()) {
                throw GanetiException.prereq("Cannot use node '" + pnode.name() + "': it is offline or not "
                        + "vm-capable", ErrorCode.ECODE_STATE);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> be = Instances.filledBe(cluster, (Map<String, Object>) p.get("beparams"));
            Instances.checkPolicy(store, cluster, pnode, be, disks.stream().map(d -> ((Number) d.get("size"))
                    .longValue()).toList(), nics.size(), template, Boolean.TRUE.equals(p.get("ignore_ipolicy")),
                    ctx::feedback);
            long need = Instances.maxMem(be);
            long free = nodes.at(pnode).hypervisor(hvName).nodeInfo().memoryFree();
            if (Boolean.TRUE.equals(p.get("start")) && need > free) {
                throw GanetiException.prereq("Not enough memory on node " + pnode.name() + " for starting instance "
                        + name + ": needed " + need + " MiB, available " + free + " MiB", ErrorCode.ECODE_NORES);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object exec() {
            String uuid = UUID.randomUUID().toString();
            DiskTemplate driver = nodes.at(pnode).template(template);
            String dir = template.equals("sharedfile") ? cluster.sharedFileStorageDir() : cluster.fileStorageDir();
            if (p.get("file_storage_dir") != null) {
                dir = java.nio.file.Path.of(dir, (String) p.get("file_storage_dir")).toString();
            }
            List<Disk> made = new ArrayList<>();
            Instance inst = null;
            try {
                for (int i = 0; i < disks.size(); i++) {
                    ctx.feedback("* disk " + i + ", size " + Sizes.human(((Number) disks.get(i).get("size"))
                            .longValue()));
                }
                ctx.feedback("* creating instance disks...");
                for (int i = 0; i < disks.size(); i++) {
                    Map<String, Object> d = disks.get(i);
                    long size = ((Number) d.get("size")).longValue();
                    String diskUuid = UUID.randomUUID().toString();
                    Map<String, Object> own = ExtDisks.diskParams(template, d);
                    Map<String, Object> dp = ExtDisks.filled(cluster, template, own);
                    if (p.get("file_driver") != null) {
                        dp.put("file-driver", p.get("file_driver"));
                    }
                    BlockDevice dev = driver.create(new DiskRequest(name, uuid, i, diskUuid, size,
                            String.valueOf(d.getOrDefault("mode", "rw")), dp, new DiskRequest.Location(dir)));
                    made.add(new Disk(diskUuid, (String) d.get("name"), template, size,
                            String.valueOf(d.getOrDefault("mode", "rw")), null, dev.logicalId(),
                            List.of(pnode.uuid()), own));
                }
                ctx.feedback("adding instance " + name + " to cluster config");
                inst = store.add(new Instance(uuid, name, 0, 0, 0, pnode.uuid(), osName == null ? "" // as Ganeti:
                        : (String) p.get("os_type"), // the OS with its variant
                        hvName, template, (Map<String, Object>) p.get("hvparams"),
                        Instances.upgradeMemory((Map<String, Object>) p.get("beparams")),
                        (Map<String, Object>) p.get("osparams"), "down", "admin", false, List.of(), nicList(),
                        NetworkPorts.allocate(store, hvName), new TreeSet<>((List<String>) p.get("tags"))));
                ctx.feedback("adding disks to cluster config");
                for (Disk d : made) { // one configuration change per disk, as Ganeti attaches them
                    inst = store.update(Instance.class, uuid, i -> Instances.withDisks(i, append(i.disks(), d)));
                }
                if (!made.isEmpty() && Boolean.TRUE.equals(p.get("wait_for_sync"))) {
                    // Ganeti waits for the disks to sync twice (after creation, before the OS); file disks are
                    // in sync at once
                    for (int round = 0; round < 2; round++) {
                        Instances.disksInSync(ctx, name);
                    }
                }
                if (source != null) {
                    List<String> paths = Instances.assembleDisks(store, cluster, nodes.at(pnode), inst);
                    Map<String, String> env = inst.os().isEmpty() ? Map.of()
                            : OsScriptEnv.of(nodes.at(pnode), pnode, cluster, inst, paths, op.debugLevel());
                    source.transfer(nodes, ctx, inst, pnode, env, (String) p.get("compress"));
                    if (!inst.os().isEmpty()) {
                        ctx.feedback("Running rename script for " + name);
                        try {
                            nodes.at(pnode).runOs(OsDefinition.OsScript.rename, "rename", osName, name,
                                    OsRunner.with(env, Map.of("OLD_INSTANCE_NAME", String.valueOf(
                                            source.oldName()))), OS_TIMEOUT).forEach(ctx::feedback);
                        } catch (GanetiException e) {
                            ctx.feedback(" - WARNING: Failed to run rename script for " + name + " on node "
                                    + pnode.name() + ": " + e.getMessage());
                        }
                    }
                } else if (os != null && !made.isEmpty() && !Boolean.TRUE.equals(p.get("no_install"))) {
                    ctx.feedback("* running the instance OS create scripts...");
                    List<String> paths = Instances.assembleDisks(store, cluster, nodes.at(pnode), inst);
                    nodes.at(pnode).runOs(OsDefinition.OsScript.create, "add", osName, name, OsScriptEnv.of(
                            nodes.at(pnode), pnode, cluster, inst, paths, op.debugLevel()),
                            OS_TIMEOUT).forEach(ctx::feedback);
                }
            } catch (RuntimeException e) {
                for (Disk d : made) {
                    try {
                        driver.remove(d);
                    } catch (RuntimeException cleanup) {
                        ctx.feedback("Warning: could not remove disk " + d.uuid() + ": " + cleanup.getMessage());
                    }
                }
                if (inst != null) {
                    store.remove(Instance.class, inst.uuid());
                    NetworkPorts.release(store, inst);
                }
                throw e;
            }
            if (Boolean.TRUE.equals(p.get("start"))) {
                ctx.feedback("* starting instance...");
                Hypervisor hv = nodes.at(pnode).awaitHypervisor(hvName, ctx::cancelRequested, 60_000);
                hv.start(Instances.hv(cluster, inst, Instances.assembleDisks(store, cluster, nodes.at(pnode), inst)), false);
                Instances.withAdminState(store, inst, "up", "admin");
            }
            return List.of(pnode.name());
        }

        @SuppressWarnings("unchecked")
        private List<Nic> nicList() {
            Set<String> used = new HashSet<>();
            store.list(Instance.class).forEach(i -> i.nics().forEach(n -> used.add(n.mac())));
            List<Nic> out = new ArrayList<>();
            for (Map<String, Object> n : nics) {
                String mac = (String) n.getOrDefault("mac", "auto");
                if (mac == null || mac.equals("auto") || mac.equals("generate")) {
                    mac = newMac(cluster.macPrefix(), used);
                } else if (!mac.matches("(?i)([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
                    throw GanetiException.prereq("Invalid MAC address specified: " + mac, ErrorCode.ECODE_INVAL);
                } else if (used.contains(mac.toLowerCase())) {
                    throw GanetiException.prereq("MAC address " + mac + " already in use in cluster",
                            ErrorCode.ECODE_NOTUNIQUE);
                }
                used.add(mac.toLowerCase());
                Map<String, Object> nicp = cluster.nicparams();
                out.add(new Nic(UUID.randomUUID().toString(), (String) n.get("name"), mac.toLowerCase(),
                        (String) n.get("ip"), String.valueOf(n.getOrDefault("mode", nicp.getOrDefault("mode", "bridged"))),
                        String.valueOf(n.getOrDefault("link", nicp.getOrDefault("link", ""))),
                        (String) n.get("network"), (String) n.get("vlan")));
            }
            return out;
        }
    }

    /** A MAC with the cluster's prefix and three random bytes, not used by any NIC (Ganeti's GenerateMAC). */
    static String newMac(String prefix, Set<String> used) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            String mac = String.format("%s:%02x:%02x:%02x", prefix, RANDOM.nextInt(256), RANDOM.nextInt(256),
                    RANDOM.nextInt(256));
            if (!used.contains(mac)) {
                return mac;
            }
        }
        throw GanetiException.prereq("Cannot generate a unique MAC address", ErrorCode.ECODE_TEMP_NORES);
    }
}
