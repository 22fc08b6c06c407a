package org.garnet.core.internal.lu.instance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.garnet.api.ErrorClass;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.hypervisor.HvInstance;
import org.garnet.api.hypervisor.Hypervisor;
import org.garnet.api.lu.LuContext;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;
import org.garnet.api.storage.DiskTemplate;
import org.garnet.core.internal.rpc.NodeClient;

/** What the instance units share: lookups with Ganeti's errors, filled parameters, disks, runtime state. */
final class Instances {
    private Instances() {
    }

    static Instance require(ConfigStore store, String name) {
        return store.byName(Instance.class, name).orElseThrow(() -> GanetiException.prereq(
                "Instance '" + name + "' not known", ErrorCode.ECODE_NOENT));
    }

    static Cluster cluster(ConfigStore store) {
        return store.cluster().orElseThrow(() -> GanetiException.prereq("This node is not part of a cluster",
                ErrorCode.ECODE_STATE));
    }

    static Node primary(ConfigStore store, Instance inst) {
        return store.get(Node.class, inst.primaryNode()).orElseThrow(() -> new GanetiException(
                ErrorClass.ConfigurationError, "primary node " + inst.primaryNode() + " of " + inst.name()
                + " is missing", null));
    }

    /** Ganeti's check before acting on an instance's node: an offline node gets no calls. */
    static void requireOnline(Node node) {
        if (node.offline()) {
            throw GanetiException.prereq("Can't use offline node " + node.name(), ErrorCode.ECODE_STATE);
        }
    }

    /** Cluster backend parameters with the instance's own on top ({@code memory} sets maxmem and minmem). */
    static Map<String, Object> filledBe(Cluster cluster, Map<String, Object> own) {
        Map<String, Object> out = new LinkedHashMap<>(cluster.beparams());
        out.putAll(upgradeMemory(own));
        return out;
    }

    static Map<String, Object> upgradeMemory(Map<String, Object> be) {
        Map<String, Object> out = new LinkedHashMap<>(be);
        Object mem = out.remove("memory");
        if (mem != null) {
            out.put("maxmem", mem);
            out.put("minmem", mem);
        }
        return out;
    }

    /** The instance's hypervisor parameters as Ganeti shows them: filled, without the cluster-only ones. */
    static Map<String, Object> shownHv(Cluster cluster, String hv, Map<String, Object> own) {
        Map<String, Object> out = filledHv(cluster, hv, own);
        org.garnet.core.internal.cluster.Defaults.HV_GLOBALS.forEach(k -> {
            if (!own.containsKey(k)) {
                out.remove(k);
            }
        });
        return out;
    }

    static Map<String, Object> filledHv(Cluster cluster, String hv, Map<String, Object> own) {
        Map<String, Object> out = new LinkedHashMap<>(cluster.hvparams().getOrDefault(hv, Map.of()));
        out.putAll(own);
        return out;
    }

    static long maxMem(Map<String, Object> filledBe) {
        Object v = filledBe.get("maxmem");
        return v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v));
    }

    /**
     * Makes every disk usable on the instance's primary node {@code node} and opens it exclusively there (Ganeti's
     * assembly as primary); returns their paths, in order.
     */
    static List<String> assembleDisks(ConfigStore store, Cluster cluster, NodeClient node, Instance inst) {
        List<String> paths = attachDisks(store, cluster, node, inst);
        openDisks(node, inst, true);
        return paths;
    }

    /** Makes every disk usable on {@code node} without opening it (a migration's target); their paths. */
    static List<String> attachDisks(ConfigStore store, Cluster cluster, NodeClient node, Instance inst) {
        Map<String, Map<String, Object>> params = diskParams(store, cluster, inst);
        List<String> paths = new ArrayList<>();
        for (Disk d : inst.disks()) {
            DiskTemplate t = node.template(d.devType());
            paths.add(devicePath(params, d, t.assemble(d), inst.hypervisor()));
        }
        return paths;
    }

    /**
     * The disk parameters an instance's disks are used with, per template (Ganeti's {@code GetInstanceDiskParams}):
     * the cluster's ({@code gnt-cluster modify -D}) with those of its primary node's group on top
     * ({@code gnt-group modify -D}).
     */
    static Map<String, Map<String, Object>> diskParams(ConfigStore store, Cluster cluster, Instance inst) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (cluster != null) {
            cluster.diskparams().forEach((t, p) -> out.put(t, new LinkedHashMap<>(p)));
        }
        store.get(Node.class, inst.primaryNode()).flatMap(n -> store.get(NodeGroup.class, n.group()))
                .ifPresent(g -> g.diskparams().forEach((t, p) ->
                        out.computeIfAbsent(t, k -> new LinkedHashMap<>()).putAll(p)));
        return out;
    }

    /**
     * A disk's {@code access} as Ganeti fills disk parameters when a disk is used: the disk's own, else its
     * template's in {@code params} ({@link #diskParams}: the group's, else the cluster's), else kernelspace.
     */
    static String access(Map<String, Map<String, Object>> params, Disk d) {
        Object own = d.params().get("access");
        if (own != null) {
            return String.valueOf(own);
        }
        Object def = params.getOrDefault(d.devType(), Map.of()).get("access");
        return def == null ? "kernelspace" : String.valueOf(def);
    }

    /**
     * Opens the instance's disks on {@code node}, exclusively or shared (both ends of a migration): Ganeti's
     * {@code blockdev_open}, which only ExtStorage providers with an {@code open} script act on.
     */
    static void openDisks(NodeClient node, Instance inst, boolean exclusive) {
        for (Disk d : inst.disks()) {
            node.template(d.devType()).open(d, exclusive);
        }
    }

    /** Closes the instance's disks on {@code node} (Ganeti's {@code blockdev_close}). */
    static void closeDisks(NodeClient node, Instance inst) {
        for (Disk d : inst.disks()) {
            node.template(d.devType()).close(d);
        }
    }

    /**
     * What the hypervisor opens for a disk: its block device, or, for a disk with {@code access=userspace}
     * (Ganeti's ext and rbd), the URI its provider gave for this hypervisor ({@code kvm:<uri>} lines).
     */
    static String devicePath(Map<String, Map<String, Object>> params, Disk d, org.garnet.api.storage.BlockDevice dev,
                             String hypervisor) {
        if ("userspace".equals(access(params, d))) {
            String prefix = hypervisor.toLowerCase(java.util.Locale.ROOT) + ":";
            for (String uri : dev.uri() == null ? new String[0] : dev.uri().split("\n")) {
                if (uri.toLowerCase(java.util.Locale.ROOT).startsWith(prefix)) {
                    return uri.substring(prefix.length());
                }
            }
            throw GanetiException.exec("Userspace access is not supported by the '" + (d.logicalId().isEmpty() ? ""
                    : d.logicalId().get(0)) + "' ExtStorage provider for the '" + hypervisor + "' hypervisor");
        }
        if (dev.path() == null || dev.path().isEmpty()) {
            throw GanetiException.exec("Disk " + d.uuid() + " has no block device (its provider gives userspace "
                    + "access only: add it with access=userspace)");
        }
        return dev.path();
    }

    static HvInstance hv(Cluster cluster, Instance inst, List<String> diskPaths) {
        return new HvInstance(inst, filledHv(cluster, inst.hypervisor(), inst.hvparams()),
                filledBe(cluster, inst.beparams()), diskPaths);
    }

    static boolean running(Hypervisor hv, Instance inst) {
        return hv.info(inst.name()).isPresent();
    }

    /**
     * Stops the instance on {@code pnode} if it runs there (within {@code timeoutSeconds}); a failure is Ganeti's
     * "Could not shutdown instance I on node N: why".
     */
    static void stop(NodeClient node, Cluster cluster, Instance inst, Node pnode, int timeoutSeconds) {
        try {
            Hypervisor hv = node.hypervisor(inst.hypervisor());
            if (running(hv, inst)) {
                hv.stop(hv(cluster, inst, List.of()), false, java.time.Duration.ofSeconds(timeoutSeconds));
            }
        } catch (GanetiException e) {
            throw GanetiException.exec("Could not shutdown instance " + inst.name() + " on node " + pnode.name()
                    + ": " + e.getMessage());
        }
    }

    /**
     * Ganeti's RemoveInstance after the instance stopped: its disks removed on {@code pnode} (with
     * {@code ignore}, a failure is a warning and the rest goes on), then the instance from the configuration.
     */
    static void remove(ConfigStore store, NodeClient node, LuContext ctx, Instance inst, Node pnode,
                       boolean ignore) {
        for (Disk d : inst.disks()) {
            try {
                node.template(d.devType()).remove(d);
            } catch (RuntimeException e) {
                if (!ignore) {
                    throw e;
                }
                ctx.feedback(" - WARNING: Could not remove disk " + d.uuid() + " on node " + pnode.name() + ": "
                        + e.getMessage());
            }
        }
        store.remove(Instance.class, inst.uuid());
        NetworkPorts.release(store, inst);
    }

    /** Whether the instance runs on {@code node}; not when the node lacks its hypervisor. */
    static boolean running(NodeClient node, Instance inst) {
        try {
            return running(node.hypervisor(inst.hypervisor()), inst);
        } catch (GanetiException e) {
            if (e.code() == ErrorCode.ECODE_ENVIRON) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Records the instance's desired state (and, for {@code up}, its disks as active, in the same change, as
     * Ganeti's {@code MarkInstanceUp}); nothing is written when nothing changes, so the serial number moves as
     * Ganeti's does.
     */
    static Instance withAdminState(ConfigStore store, Instance inst, String state, String source) {
        Instance cur = store.get(Instance.class, inst.uuid()).orElse(inst);
        boolean active = "up".equals(state) || cur.disksActive();
        if (state.equals(cur.adminState()) && java.util.Objects.equals(source, cur.adminStateSource())
                && active == cur.disksActive()) {
            return cur;
        }
        return store.update(Instance.class, inst.uuid(), i -> new Instance(i.uuid(), i.name(), i.serialNo(),
                i.ctime(), i.mtime(), i.primaryNode(), i.os(), i.hypervisor(), i.diskTemplate(), i.hvparams(),
                i.beparams(), i.osparams(), state, source, active, i.disks(), i.nics(), i.networkPort(),
                i.tags()));
    }

    /**
     * Ganeti's wait for the instance's disks to sync, as its job log shows it; file disks are in sync at once.
     */
    static void disksInSync(org.garnet.api.lu.LuContext ctx, String instance) {
        ctx.feedback(" - INFO: Waiting for instance " + instance + " to sync disks");
        ctx.feedback(" - INFO: Instance " + instance + "'s disks are in sync");
    }

    /** The instance with these disks (to be stored). */
    static Instance withDisks(Instance i, List<org.garnet.api.model.Disk> disks) {
        return withDevices(i, disks, i.nics());
    }

    /** The instance with these disks and NICs (a modification's state part-way). */
    static Instance withDevices(Instance i, List<org.garnet.api.model.Disk> disks,
                                List<org.garnet.api.model.Nic> nics) {
        return new Instance(i.uuid(), i.name(), i.serialNo(), i.ctime(), i.mtime(), i.primaryNode(), i.os(),
                i.hypervisor(), i.diskTemplate(), i.hvparams(), i.beparams(), i.osparams(), i.adminState(),
                i.adminStateSource(), i.disksActive(), List.copyOf(disks), List.copyOf(nics), i.networkPort(),
                i.tags());
    }

    static Instance withDisksActive(ConfigStore store, Instance inst, boolean active) {
        Instance cur = store.get(Instance.class, inst.uuid()).orElse(inst);
        if (cur.disksActive() == active) {
            return cur;
        }
        return store.update(Instance.class, inst.uuid(), i -> new Instance(i.uuid(), i.name(), i.serialNo(),
                i.ctime(), i.mtime(), i.primaryNode(), i.os(), i.hypervisor(), i.diskTemplate(), i.hvparams(),
                i.beparams(), i.osparams(), i.adminState(), i.adminStateSource(), active, i.disks(), i.nics(),
                i.networkPort(), i.tags()));
    }

    /** The policy that applies on {@code node}: its group's own, else the cluster's. */
    static org.garnet.api.model.InstancePolicy policy(ConfigStore store, Cluster cluster, Node node) {
        return store.get(org.garnet.api.model.NodeGroup.class, node.group())
                .map(org.garnet.api.model.NodeGroup::ipolicy).filter(java.util.Objects::nonNull)
                .orElse(cluster.ipolicy());
    }

    /**
     * Ganeti's policy check of an instance placed on {@code node}: a violation is {@code ECODE_INVAL} unless
     * {@code ignore}, then it is only reported through {@code warn}.
     */
    static void checkPolicy(ConfigStore store, Cluster cluster, Node node, Map<String, Object> filledBe,
                            List<Long> diskSizes, int nics, String template, boolean ignore,
                            java.util.function.Consumer<String> warn) {
        org.garnet.api.model.NodeGroup group = store.get(org.garnet.api.model.NodeGroup.class, node.group())
                .orElse(null);
        var p = policy(store, cluster, node);
        long max = maxMem(filledBe);
        Object min = filledBe.getOrDefault("minmem", max);
        long minMem = min instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(min));
        int vcpus = ((Number) filledBe.getOrDefault("vcpus", 1)).intValue();
        int spindles = ((Number) filledBe.getOrDefault("spindle_use", 1)).intValue();
        List<String> v = org.garnet.core.internal.policy.IPolicies.violations(p, minMem, max, vcpus, diskSizes, nics,
                spindles, template);
        if (v.isEmpty()) {
            return;
        }
        String msg = "Instance allocation to group " + (group == null ? "?" : group.uuid() + " (" + group.name()
                + ")") + " violates policy: " + String.join(", ", v);
        if (!ignore) {
            throw GanetiException.prereq(msg, ErrorCode.ECODE_INVAL);
        }
        warn.accept("Warning: " + msg);
    }
}
