package org.garnet.rapi.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.ReasonEntry;
import org.garnet.api.config.ClusterInfo;
import org.garnet.api.config.ClusterService;
import org.garnet.api.jobs.CancelResult;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.model.Cluster;
import org.garnet.api.query.FieldDefinition;
import org.garnet.api.query.QueryResult;
import org.garnet.api.query.QueryService;
import org.garnet.api.query.ResultCell;
import org.garnet.api.query.ResultStatus;

/**
 * The RAPI v2 resources that exist in Garnet so far, as thin adapters over the core services: each answers what
 * Ganeti's {@code rlib2} answers (data, or the job id of the opcode it submits, with the reason trail
 * {@code gnt:library:rlib2:<resource>}). Every other Ganeti resource path answers 501.
 */
final class Resources {
    static final String NAME = "([\\w._-]+)";
    private static final List<String> FEATURES = List.of("instance-create-reqv1", "instance-reinstall-reqv1",
            "node-migrate-reqv1", "node-evac-res1");
    private static final List<String> J_FIELDS_BULK = List.of("id", "ops", "status", "summary", "opstatus",
            "received_ts", "start_ts", "end_ts");
    private static final List<String> N_FIELDS = List.of("name", "offline", "master_candidate", "drained",
            "dtotal", "dfree", "sptotal", "spfree", "mtotal", "mnode", "mfree", "pinst_cnt", "sinst_cnt", "ctotal",
            "cnos", "cnodes", "csockets", "pip", "sip", "role", "pinst_list", "sinst_list", "master_capable",
            "vm_capable", "ndparams", "group.uuid", "ctime", "mtime", "uuid", "serial_no", "tags");
    private static final List<String> G_FIELDS = List.of("alloc_policy", "name", "node_cnt", "node_list",
            "ipolicy", "custom_ipolicy", "diskparams", "custom_diskparams", "ndparams", "custom_ndparams", "ctime",
            "mtime", "uuid", "serial_no", "tags");
    private static final List<String> I_FIELDS = List.of("name", "admin_state", "os", "pnode", "snodes",
            "disk_template", "nic.ips", "nic.macs", "nic.modes", "nic.uuids", "nic.names", "nic.links",
            "nic.networks", "nic.networks.names", "nic.bridges", "network_port", "disk.sizes", "disk.spindles",
            "disk_usage", "disk.uuids", "disk.names", "beparams", "hvparams", "oper_state", "oper_ram", "oper_vcpus",
            "status", "custom_hvparams", "custom_beparams", "custom_nicparams", "ctime", "mtime", "uuid",
            "serial_no", "tags");
    /** Ganeti resource paths not served yet: 501 with an explanation instead of 404. */
    private static final List<Pattern> NOT_YET = List.of(
            Pattern.compile("/2/(modify|redistribute-config|os|tags|networks.*|filters.*|query/.*)"),
            Pattern.compile("/2/nodes(/.*)?"), Pattern.compile("/2/groups(/.*)?"),
            Pattern.compile("/2/instances/" + NAME + "(/.*)?"));
    static final List<String> NODE_FIELDS = N_FIELDS;
    static final List<String> GROUP_FIELDS = G_FIELDS;
    static final List<String> INSTANCE_FIELDS = I_FIELDS;

    final JobQueue jobs;
    final ClusterService cluster;
    final QueryService query;
    private final EncodedAnswers encoded = new EncodedAnswers();

    Resources(JobQueue jobs, ClusterService cluster, QueryService query) {
        this.jobs = jobs;
        this.cluster = cluster;
        this.query = query;
    }

    /** What a request needs: nothing (anyone, unless authentication is required), or one of these options. */
    static List<String> access(String method, String path) {
        if (path.matches("/2/query/.*") && !path.endsWith("/fields")
                || path.matches("/2/instances/" + NAME + "/console")) {
            return List.of("read", "write");
        }
        if (method.equals("GET")) {
            return path.matches("/2/jobs/\\d+/wait") || path.matches("/2/nodes/" + NAME + "/storage")
                    ? List.of("write") : List.of();
        }
        return List.of("write");
    }

    Object handle(String method, String path, Map<String, List<String>> query, Object body) {
        if (path.equals("/version") && method.equals("GET")) {
            return 2;
        }
        if ((path.equals("/") || path.equals("/2")) && method.equals("GET")) {
            return null;
        }
        if (path.equals("/2/features")) {
            return get(method, () -> FEATURES);
        }
        if (path.equals("/2/info")) {
            return get(method, this::info);
        }
        if (path.equals("/2/jobs")) {
            return get(method, () -> list("job", "id", "/2/jobs/", J_FIELDS_BULK, bulk(query)));
        }
        Matcher job = Pattern.compile("/2/jobs/(\\d+)").matcher(path);
        if (job.matches()) {
            String id = job.group(1);
            return switch (method) {
                case "GET" -> one("job", id, List.of("id", "ops", "status", "summary", "opstatus", "received_ts",
                        "start_ts", "end_ts", "oplog", "opresult"));
                case "DELETE" -> {
                    CancelResult r = jobs.cancel(Long.parseLong(id));
                    yield List.of(r.success(), r.message());
                }
                default -> throw notImplemented(method, path);
            };
        }
        if (path.equals("/2/instances")) {
            return switch (method) {
                case "GET" -> list("instance", "id", "/2/instances/", I_FIELDS, bulk(query));
                case "POST" -> createInstance(query, body);
                default -> throw notImplemented(method, path);
            };
        }
        if (path.equals("/2/instances-multi-alloc")) {
            if (!method.equals("POST")) {
                throw notImplemented(method, path);
            }
            return multiAlloc(query, body);
        }
        Matcher action = Pattern.compile("/2/instances/" + NAME + "/(startup|shutdown|reboot)").matcher(path);
        if (action.matches() && method.equals("PUT") || action.matches() && method.equals("POST")
                && action.group(2).equals("reboot")) {
            return instanceAction(action.group(1), action.group(2), query, body);
        }
        Object more = new MoreResources(this).handle(method, path, query, body);
        if (more != MoreResources.UNHANDLED) {
            return more;
        }
        for (Pattern p : NOT_YET) {
            if (p.matcher(path).matches()) {
                throw new RapiError(501, "Method " + method + " on " + path + " is not implemented in Garnet yet");
            }
        }
        throw new RapiError(404, "Not found: " + path);
    }

    static Object get(String method, java.util.function.Supplier<Object> f) {
        if (!method.equals("GET")) {
            throw new RapiError(501, "Method " + method + " is unsupported");
        }
        return f.get();
    }

    static RapiError notImplemented(String method, String path) {
        return new RapiError(501, "Method " + method + " is unsupported");
    }

    private Map<String, Object> info() {
        ClusterInfo info = cluster.info();
        Cluster c = info.cluster();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("software_version", info.softwareVersion());
        m.put("protocol_version", 3000000);
        m.put("config_version", 3000000);
        m.put("os_api_version", 20);
        m.put("export_version", 0);
        m.put("vcs_version", "garnet " + info.softwareVersion());
        m.put("architecture", List.of(info.architecture(), info.machine()));
        m.put("name", c.name());
        m.put("master", info.masterName());
        m.put("default_hypervisor", c.defaultHypervisor());
        m.put("enabled_hypervisors", c.enabledHypervisors());
        m.put("hvparams", c.hvparams());
        m.put("os_hvp", Map.of());
        m.put("beparams", Map.of("default", c.beparams()));
        m.put("osparams", Map.of());
        m.put("ipolicy", info.ipolicy());
        m.put("nicparams", Map.of("default", c.nicparams()));
        m.put("ndparams", c.ndparams());
        m.put("diskparams", c.diskparams());
        m.put("candidate_pool_size", c.candidatePoolSize());
        m.put("max_running_jobs", c.maxRunningJobs());
        m.put("max_tracked_jobs", c.maxTrackedJobs());
        m.put("mac_prefix", c.macPrefix());
        m.put("master_netdev", c.masterNetdev());
        m.put("master_netmask", c.masterNetmask());
        m.put("volume_group_name", c.volumeGroupName());
        m.put("vg_name", c.volumeGroupName());
        m.put("file_storage_dir", c.fileStorageDir());
        m.put("shared_file_storage_dir", c.sharedFileStorageDir());
        m.put("maintain_node_health", c.maintainNodeHealth());
        m.put("ctime", c.ctime());
        m.put("mtime", c.mtime());
        m.put("uuid", c.uuid());
        m.put("tags", List.copyOf(c.tags()));
        m.put("default_iallocator", c.defaultIallocator());
        m.put("default_iallocator_params", c.defaultIallocatorParams());
        m.put("primary_ip_version", c.primaryIpVersion());
        m.put("prealloc_wipe_disks", c.preallocWipeDisks());
        m.put("enabled_disk_templates", c.enabledDiskTemplates());
        return m;
    }

    static boolean bulk(Map<String, List<String>> q) {
        List<String> v = q.get("bulk");
        return v != null && !v.isEmpty() && v.get(0).equals("1");
    }

    Object list(String resource, String idField, String uri, List<String> bulkFields, boolean bulk) {
        if (!bulk) {
            QueryResult r = query.query(resource, List.of(resource.equals("job") ? "id" : "name"), List.of());
            List<Object> out = new ArrayList<>();
            for (List<ResultCell> row : r.rows()) {
                Object id = row.get(0).value();
                out.add(Map.of(idField, id, "uri", uri + id));
            }
            return out;
        }
        List<String> fields = known(resource, bulkFields);
        Object version = query.version(resource);
        if (version == null) {
            return new BulkRows(query.query(resource, fields, List.of()));
        }
        return encoded.get(resource, fields, version, () -> new BulkRows(query.query(resource, fields, List.of())));
    }

    Object one(String resource, String name, List<String> fields) {
        try {
            List<Map<String, Object>> rows = rows(query.query(resource, known(resource, fields), List.of(name)));
            return rows.get(0);
        } catch (GanetiException e) {
            if (e.code() == ErrorCode.ECODE_NOENT) {
                throw new RapiError(404, e.getMessage());
            }
            throw e;
        }
    }

    List<String> known(String resource, List<String> fields) {
        List<String> have = query.fields(resource, List.of()).stream().map(FieldDefinition::name).toList();
        return fields.stream().filter(have::contains).toList();
    }

    static List<Map<String, Object>> rows(QueryResult r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<ResultCell> row : r.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                ResultCell c = row.get(i);
                m.put(r.fields().get(i).name(), c.status() == ResultStatus.NORMAL ? c.value() : null);
            }
            out.add(m);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Object createInstance(Map<String, List<String>> q, Object body) {
        if (!(body instanceof Map<?, ?> b)) {
            throw new RapiError(400, "Invalid body: a JSON object is required");
        }
        Map<String, Object> p = new LinkedHashMap<>((Map<String, Object>) b);
        Object version = p.remove("__version__");
        if (!Integer.valueOf(1).equals(version)) {
            throw new RapiError(400, "Instance creation request version 0 is no longer supported");
        }
        renameCreationParams(p);
        return submit(q, "OP_INSTANCE_CREATE", p, "instances");
    }

    /**
     * {@code POST /2/instances-multi-alloc}: {@code OP_INSTANCE_MULTI_ALLOC}; each instance definition may use
     * the short names {@code name} and {@code os}, as for a single creation.
     */
    @SuppressWarnings("unchecked")
    private Object multiAlloc(Map<String, List<String>> q, Object body) {
        Map<String, Object> p = new LinkedHashMap<>(body instanceof Map<?, ?> b ? (Map<String, Object>) b : Map.of());
        if (!p.containsKey("instances")) {
            throw new RapiError(400, "Request is missing required 'instances' field in body");
        }
        if (p.get("instances") instanceof List<?> list) {
            List<Object> instances = new ArrayList<>();
            for (Object i : list) {
                if (i instanceof Map<?, ?> m) {
                    Map<String, Object> inst = new LinkedHashMap<>((Map<String, Object>) m);
                    renameCreationParams(inst);
                    instances.add(inst);
                } else {
                    instances.add(i);
                }
            }
            p.put("instances", instances);
        }
        return submit(q, "OP_INSTANCE_MULTI_ALLOC", p, "instances_multi_alloc");
    }

    /** An instance creation's short RAPI names ({@code name}, {@code os}) as the opcode's, as Ganeti renames them. */
    private static void renameCreationParams(Map<String, Object> m) {
        for (String[] r : new String[][] {{"name", "instance_name"}, {"os", "os_type"}}) {
            if (m.containsKey(r[0])) {
                if (m.containsKey(r[1])) {
                    throw new RapiError(400, "Parameter '" + r[0] + "' was renamed to '" + r[1]
                            + "', but both are specified");
                }
                m.put(r[1], m.remove(r[0]));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Object instanceAction(String name, String action, Map<String, List<String>> q, Object body) {
        Map<String, Object> p = new LinkedHashMap<>(body instanceof Map<?, ?> b ? (Map<String, Object>) b : Map.of());
        putStatic(p, "instance_name", name);
        String op = switch (action) {
            case "startup" -> "OP_INSTANCE_STARTUP";
            case "shutdown" -> "OP_INSTANCE_SHUTDOWN";
            default -> "OP_INSTANCE_REBOOT";
        };
        if (action.equals("reboot")) {
            p.putIfAbsent("reboot_type", first(q, "type", "hard"));
        }
        if (q.containsKey("force")) {
            p.put("force", "1".equals(first(q, "force", "0")));
        }
        return submit(q, op, p, "instances_name_" + action);
    }

    Object submit(Map<String, List<String>> q, String opId, Map<String, Object> params, String resource) {
        return submitMany(q, List.of(OpCode.of(opId, params)), resource);
    }

    /** One job of these opcodes with the RAPI reason trail and {@code dry-run}; answers its id. */
    Object submitMany(Map<String, List<String>> q, List<OpCode> opcodes, String resource) {
        long now = System.currentTimeMillis() * 1_000_000L;
        List<ReasonEntry> trail = new ArrayList<>();
        if (q.containsKey("reason")) {
            trail.add(new ReasonEntry("gnt:user", first(q, "reason", ""), now));
        }
        trail.add(new ReasonEntry("gnt:library:rlib2:" + resource, "", now));
        boolean dryRun = "1".equals(first(q, "dry-run", "0"));
        List<OpCode> ops = new ArrayList<>();
        try {
            for (OpCode o : opcodes) {
                Map<String, Object> json = new LinkedHashMap<>(o.params());
                json.put("OP_ID", o.opId());
                OpCode op = jobs.parseOpCode(json);
                List<ReasonEntry> reason = new ArrayList<>(op.reason());
                reason.addAll(trail);
                ops.add(new OpCode(op.opId(), op.params(), op.comment(), op.priority(), op.depends(), reason,
                        dryRun || op.dryRun(), op.debugLevel()));
            }
            return jobs.submit(ops);
        } catch (GanetiException e) {
            throw new RapiError(400, "Invalid body parameters: " + e.getMessage());
        }
    }

    /** Sets a parameter taken from the URL or query; the body must not set it too (Ganeti's rule). */
    static void putStatic(Map<String, Object> body, String key, Object value) {
        if (body.containsKey(key)) {
            throw new RapiError(400, "Can't overwrite static parameter '" + key + "'");
        }
        body.put(key, value);
    }

    static String first(Map<String, List<String>> q, String key, String dflt) {
        List<String> v = q.get(key);
        return v == null || v.isEmpty() ? dflt : v.get(0);
    }
}
