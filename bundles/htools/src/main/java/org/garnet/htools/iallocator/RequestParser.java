package org.garnet.htools.iallocator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.garnet.htools.loader.ClusterMerger;
import org.garnet.htools.model.AllocPolicy;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.DiskTemplate;
import org.garnet.htools.model.Group;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.IPolicy;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.InstanceStatus;
import org.garnet.htools.model.Node;

/** Parses an IAllocator request message (Ganeti's IAlloc.parseData), with Ganeti's error messages. */
public final class RequestParser {
    private static final List<String> HYPERVISORS = List.of("chroot", "fake", "kvm", "lxc", "xen-hvm", "xen-pvm");
    private static final Fields.Reader<String> HYPERVISOR = Fields.raw("Hypervisor",
            s -> HYPERVISORS.contains(s) ? s : null);
    private static final Fields.Reader<AllocPolicy> ALLOC_POLICY = Fields.raw("AllocPolicy", s -> {
        for (AllocPolicy p : AllocPolicy.values()) {
            if (p.raw.equals(s)) {
                return p;
            }
        }
        return null;
    });
    private static final Fields.Reader<Request.EvacMode> EVAC_MODE = Fields.raw("EvacMode",
            Request.EvacMode::fromRaw);

    private final Request req = new Request();

    private RequestParser() {
    }

    /** Parses {@code body}; {@code staticKvmNodeMemory} overrides node memory on KVM (0: keep reported). */
    public static Request parse(String body, int staticKvmNodeMemory) throws HtoolsException {
        return new RequestParser().run(body, staticKvmNodeMemory);
    }

    private Request run(String body, int staticMem) throws HtoolsException {
        Object decoded;
        try {
            decoded = Json.decode(body);
            Fields.OBJECT.read(decoded);
        } catch (HtoolsException e) {
            throw new HtoolsException("Parsing input IAllocator message: " + e.getMessage());
        }
        Map<String, Object> obj = Fields.OBJECT.read(decoded);
        String msg = "invalid iallocator message";
        Map<String, Object> request = Fields.tryFromObj(msg, obj, "request", Fields.OBJECT);
        Map<String, Object> glist = Fields.tryFromObj(msg, obj, "nodegroups", Fields.OBJECT);
        List<Group> groups = new ArrayList<>();
        Map<String, Integer> ktg = new HashMap<>();
        for (Map.Entry<String, Object> e : glist.entrySet()) {
            Group g = parseGroup(e.getKey(), Fields.asObject(e.getValue()));
            g.idx = groups.size();
            ktg.put(e.getKey(), g.idx);
            groups.add(g);
        }
        Map<String, Object> nlist = Fields.tryFromObj(msg, obj, "nodes", Fields.OBJECT);
        List<Node> nodes = new ArrayList<>();
        Map<String, Integer> ktn = new HashMap<>();
        for (Map.Entry<String, Object> e : nlist.entrySet()) {
            Node n = parseNode(ktg, e.getKey(), Fields.asObject(e.getValue()));
            n.idx = nodes.size();
            ktn.put(e.getKey(), n.idx);
            nodes.add(n);
        }
        Map<String, Object> ilist = Fields.tryFromObj(msg, obj, "instances", Fields.OBJECT);
        List<Instance> insts = new ArrayList<>();
        Map<String, Integer> kti = new HashMap<>();
        for (Map.Entry<String, Object> e : ilist.entrySet()) {
            Instance i = parseInstance(ktn, e.getKey(), Fields.asObject(e.getValue()));
            i.idx = insts.size();
            kti.put(e.getKey(), i.idx);
            insts.add(i);
        }
        List<String> ctags = Fields.tryFromObj(msg, obj, "cluster_tags", Fields.STRINGS);
        List<String> hvs = Fields.tryFromObj(msg, obj, "enabled_hypervisors", Fields.list(HYPERVISOR));
        ClusterData cd = ClusterMerger.merge(new ClusterData(groups, nodes, insts, ctags, IPolicy.DEFAULT),
                List.of(), List.of(), List.of());
        req.kvm = !hvs.isEmpty() && hvs.get(0).equals("kvm");
        List<Node> nl = new ArrayList<>();
        for (Node n : cd.nodes) {
            Node c = n.copy();
            if (!hvs.isEmpty() && hvs.get(0).equals("kvm") && staticMem > 0) {
                c.nMem = staticMem;
            }
            nl.add(c);
        }
        req.warnings = ClusterMerger.updateMissing(nl, cd.instances);
        cd = cd.withState(nl, cd.instances);
        req.cluster = cd;
        parseRequest(request, ctags, kti, cd);
        return req;
    }

    private void parseRequest(Map<String, Object> request, List<String> ctags, Map<String, Integer> kti,
            ClusterData cd) throws HtoolsException {
        String rmsg = "invalid request dict";
        String optype = Fields.tryFromObj(rmsg, request, "type", Fields.STRING);
        switch (optype) {
            case "allocate" -> {
                req.type = Request.Type.ALLOCATE;
                String rname = Fields.tryFromObj(rmsg, request, "name", Fields.STRING);
                String rgn = Fields.maybeFromObj(request, "group_name", Fields.STRING);
                req.restrictToNodes = Fields.maybeFromObj(request, "restrict-to-nodes", Fields.STRINGS);
                int reqNodes = Fields.tryFromObj(rmsg, request, "required_nodes", Fields.INT);
                Instance inst = parseBaseInstance(rname, request);
                updateTags(inst, ctags);
                req.allocs.add(new Request.AllocDetails(inst, reqNodes, rgn));
            }
            case "relocate" -> {
                req.type = Request.Type.RELOCATE;
                String rname = Fields.tryFromObj(rmsg, request, "name", Fields.STRING);
                req.instIdx = lookupInstance(kti, rname);
                req.relocRequired = Fields.tryFromObj(rmsg, request, "required_nodes", Fields.INT);
                for (String n : Fields.tryFromObj(rmsg, request, "relocate_from", Fields.STRINGS)) {
                    req.relocateFrom.add(findNode(cd.nodes, n).idx);
                }
            }
            case "change-group" -> {
                req.type = Request.Type.CHANGE_GROUP;
                for (String n : Fields.tryFromObj(rmsg, request, "instances", Fields.STRINGS)) {
                    req.instances.add(findInstance(cd.instances, n).idx);
                }
                for (String g : Fields.tryFromObj(rmsg, request, "target_groups", Fields.STRINGS)) {
                    req.targetGroups.add(findGroup(cd.groups, g).idx);
                }
            }
            case "node-evacuate" -> {
                req.type = Request.Type.NODE_EVACUATE;
                for (String n : Fields.tryFromObj(rmsg, request, "instances", Fields.STRINGS)) {
                    req.instances.add(findInstance(cd.instances, n).idx);
                }
                req.evacMode = Fields.tryFromObj(rmsg, request, "evac_mode", EVAC_MODE);
            }
            case "multi-allocate" -> {
                req.type = Request.Type.MULTI_ALLOCATE;
                List<Map<String, Object>> arr = Fields.tryFromObj(rmsg, request, "instances",
                        Fields.list(Fields.OBJECT));
                for (Map<String, Object> r : arr) {
                    String rname = Fields.tryFromObj(rmsg, r, "name", Fields.STRING);
                    String rgn = Fields.maybeFromObj(request, "group_name", Fields.STRING);
                    int reqNodes = Fields.tryFromObj(rmsg, r, "required_nodes", Fields.INT);
                    Instance inst = parseBaseInstance(rname, r);
                    updateTags(inst, ctags);
                    req.allocs.add(new Request.AllocDetails(inst, reqNodes, rgn));
                }
            }
            case "allocate-secondary" -> {
                req.type = Request.Type.ALLOCATE_SECONDARY;
                String rname = Fields.tryFromObj(rmsg, request, "name", Fields.STRING);
                req.instIdx = lookupInstance(kti, rname);
            }
            default -> throw new HtoolsException("Invalid request type '" + optype + "'");
        }
    }

    private static int lookupInstance(Map<String, Integer> kti, String name) throws HtoolsException {
        Integer i = kti.get(name);
        if (i == null) {
            throw new HtoolsException("Unknown instance '" + name + "'");
        }
        return i;
    }

    private static HtoolsException notFound(String name) {
        return new HtoolsException("Wrong number of elems found with name " + name);
    }

    static Node findNode(List<Node> nl, String name) throws HtoolsException {
        Node found = null;
        int count = 0;
        for (Node n : nl) {
            if (n.name.equals(name) || n.alias.equals(name)) {
                found = n;
                count++;
            }
        }
        if (count != 1) {
            throw notFound(name);
        }
        return found;
    }

    static Instance findInstance(List<Instance> il, String name) throws HtoolsException {
        Instance found = null;
        int count = 0;
        for (Instance i : il) {
            if (i.name.equals(name) || i.alias.equals(name)) {
                found = i;
                count++;
            }
        }
        if (count != 1) {
            throw notFound(name);
        }
        return found;
    }

    static Group findGroup(List<Group> gl, String name) throws HtoolsException {
        Group found = null;
        int count = 0;
        for (Group g : gl) {
            if (g.name.equals(name) || g.uuid.equals(name)) {
                found = g;
                count++;
            }
        }
        if (count != 1) {
            throw notFound(name);
        }
        return found;
    }

    /** Exclusion and desired-location tags of a requested instance from the cluster tags. */
    private static void updateTags(Instance inst, List<String> ctags) {
        List<String> ex = chomp(ctags, ClusterMerger.EX_TAGS_PREFIX);
        List<String> dl = chomp(ctags, ClusterMerger.DESIRED_LOCATION_PREFIX);
        inst.exclTags = withAnyPrefix(inst.allTags, ex);
        inst.dsrdLocTags = new java.util.TreeSet<>(withAnyPrefix(inst.allTags, dl));
    }

    private static List<String> chomp(List<String> tags, String prefix) {
        List<String> r = new ArrayList<>();
        for (String t : tags) {
            if (t.startsWith(prefix) && t.length() > prefix.length()) {
                r.add(t.substring(prefix.length()));
            }
        }
        return r;
    }

    private static List<String> withAnyPrefix(List<String> tags, List<String> prefixes) {
        List<String> r = new ArrayList<>();
        for (String t : tags) {
            for (String p : prefixes) {
                if (t.startsWith(p)) {
                    r.add(t);
                    break;
                }
            }
        }
        return r;
    }

    private Group parseGroup(String uuid, Map<String, Object> a) throws HtoolsException {
        String d = "invalid data for group '" + uuid + "'";
        String name = Fields.tryFromObj(d, a, "name", Fields.STRING);
        AllocPolicy apol = Fields.tryFromObj(d, a, "alloc_policy", ALLOC_POLICY);
        List<String> nets = Fields.tryFromObj(d, a, "networks", Fields.STRINGS);
        IPolicy ipol = Fields.tryFromObj(d, a, "ipolicy", PolicyReader.IPOLICY);
        List<String> tags = Fields.tryFromObj(d, a, "tags", Fields.STRINGS);
        return new Group(name, uuid, apol, nets, ipol, tags);
    }

    private Node parseNode(Map<String, Integer> ktg, String n, Map<String, Object> a) throws HtoolsException {
        String d = "invalid data for node '" + n + "'";
        boolean offline = Fields.tryFromObj(d, a, "offline", Fields.BOOL);
        boolean drained = Fields.tryFromObj(d, a, "drained", Fields.BOOL);
        String guuid = Fields.tryFromObj(d, a, "group", Fields.STRING);
        Boolean vmCapable = annotate(d, () -> Fields.maybeFromObj(a, "vm_capable", Fields.BOOL));
        boolean vmc = vmCapable == null || vmCapable;
        Integer gidx = ktg.get(guuid);
        if (gidx == null) {
            throw new HtoolsException("Unknown group '" + guuid + "' for node " + n);
        }
        Map<String, Object> ndparams = Fields.asObject(Fields.tryFromObj(d, a, "ndparams", Fields.ANY));
        List<String> tags = Fields.maybeFromObj(a, "tags", Fields.STRINGS);
        boolean excl = Fields.tryFromObj(d, ndparams, "exclusive_storage", Fields.BOOL);
        boolean live = !offline && vmc;
        int spTotal = excl ? live(live, 0, d, a, "total_spindles", Fields.INT)
                : Fields.tryFromObj(d, ndparams, "spindle_count", Fields.INT);
        int spFree = live(live, 0, d, a, "free_spindles", Fields.INT);
        double mTotal = live(live, 0.0, d, a, "total_memory", Fields.DOUBLE);
        int mNode = live(live, 0, d, a, "reserved_memory", Fields.INT);
        int mFree = live(live, 0, d, a, "free_memory", Fields.INT);
        double dTotal = live(live, 0.0, d, a, "total_disk", Fields.DOUBLE);
        int dFree = live(live, 0, d, a, "free_disk", Fields.INT);
        double cTotal = live(live, 0.0, d, a, "total_cpus", Fields.DOUBLE);
        int cNos = live(live, 0, d, a, "reserved_cpus", Fields.INT);
        Node node = Node.create(n, mTotal, mNode, mFree, dTotal, dFree, cTotal, cNos, !live || drained, spTotal,
                spFree, gidx, excl);
        node.nTags = tags == null ? List.of() : tags;
        return node;
    }

    private static <T> T live(boolean live, T def, String d, Map<String, Object> a, String key, Fields.Reader<T> r)
            throws HtoolsException {
        return live ? Fields.tryFromObj(d, a, key, r) : def;
    }

    /** A computation that may fail with a message. */
    private interface Step<T> {
        T get() throws HtoolsException;
    }

    private static <T> T annotate(String d, Step<T> s) throws HtoolsException {
        try {
            return s.get();
        } catch (HtoolsException e) {
            throw new HtoolsException(d + ": " + e.getMessage());
        }
    }

    /** Ganeti's parseBaseInstance: the properties shared by cluster instances and requested ones. */
    Instance parseBaseInstance(String n, Map<String, Object> a) throws HtoolsException {
        String d = "invalid data for instance '" + n + "'";
        int disk = Fields.tryFromObj(d, a, "disk_space_total", Fields.INT);
        List<?> jsdisks = Fields.toArray(Fields.tryFromObj(d, a, "disks", Fields.ANY));
        List<Map<String, Object>> dobjs = new ArrayList<>();
        for (Object o : jsdisks) {
            dobjs.add(Fields.asObject(o));
        }
        int[] sizes = new int[dobjs.size()];
        for (int k = 0; k < sizes.length; k++) {
            sizes[k] = Fields.tryFromObj(d, dobjs.get(k), "size", Fields.INT);
        }
        Integer[] spindles = new Integer[dobjs.size()];
        for (int k = 0; k < sizes.length; k++) {
            Map<String, Object> o = dobjs.get(k);
            spindles[k] = annotate(d, () -> Fields.maybeFromObj(o, "spindles", Fields.INT));
        }
        int mem = Fields.tryFromObj(d, a, "memory", Fields.INT);
        int vcpus = Fields.tryFromObj(d, a, "vcpus", Fields.INT);
        List<String> tags = Fields.tryFromObj(d, a, "tags", Fields.STRINGS);
        DiskTemplate dt = Fields.tryFromObj(d, a, "disk_template", PolicyReader.DISK_TEMPLATE);
        int su = Fields.tryFromObj(d, a, "spindle_use", Fields.INT);
        List<?> nics = Fields.toArray(Fields.tryFromObj(d, a, "nics", Fields.ANY));
        Set<String> nets = new LinkedHashSet<>();
        for (Object o : nics) {
            Map<String, Object> nic = Fields.asObject(o);
            Fields.maybeFromObj(nic, "mac", Fields.STRING);
            Fields.maybeFromObj(nic, "ip", Fields.STRING);
            String mode = Fields.maybeFromObj(nic, "mode", Fields.STRING);
            if (mode != null && !List.of("bridged", "routed", "openvswitch").contains(mode)) {
                throw new HtoolsException("invalid NIC mode in instance " + n);
            }
            Fields.maybeFromObj(nic, "link", Fields.STRING);
            Fields.maybeFromObj(nic, "bridge", Fields.STRING);
            String net = Fields.maybeFromObj(nic, "network", Fields.STRING);
            if (net != null) {
                nets.add(net);
            }
        }
        InstanceStatus st = InstanceStatus.RUNNING;
        Object as = a.get("admin_state");
        if (as instanceof String s) {
            if (s.equals("down")) {
                st = InstanceStatus.ADMIN_DOWN;
            } else if (s.equals("offline")) {
                st = InstanceStatus.ADMIN_OFFLINE;
            }
        }
        boolean forthcoming = false;
        try {
            forthcoming = Fields.tryFromObj(d, a, "forthcoming", Fields.BOOL);
        } catch (HtoolsException e) {
            forthcoming = false;
        }
        Instance inst = Instance.create(n, mem, disk, null, vcpus, st, tags, true, 0, 0, dt, su, forthcoming);
        inst.diskSizes = sizes;
        inst.diskSpindles = spindles;
        req.nicNetworks.put(n, new ArrayList<>(nets));
        return inst;
    }

    private Instance parseInstance(Map<String, Integer> ktn, String n, Map<String, Object> a)
            throws HtoolsException {
        Instance base = parseBaseInstance(n, a);
        List<Object> nodes = Fields.fromObj(a, "nodes", Fields.list(Fields.ANY));
        if (nodes.isEmpty()) {
            throw new HtoolsException("empty node list for instance " + n);
        }
        base.pNode = lookupNode(ktn, n, nodes.get(0));
        base.sNode = nodes.size() > 1 ? lookupNode(ktn, n, nodes.get(1)) : -1;
        return base;
    }

    private static int lookupNode(Map<String, Integer> ktn, String inst, Object v) throws HtoolsException {
        if (!(v instanceof String s)) {
            throw new HtoolsException("Wrong JSON type");
        }
        Integer i = ktn.get(s);
        if (i == null) {
            throw new HtoolsException("Unknown node '" + s + "' for instance " + inst);
        }
        return i;
    }
}
