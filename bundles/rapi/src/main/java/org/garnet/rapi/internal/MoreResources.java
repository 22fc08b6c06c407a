package org.garnet.rapi.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobChange;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.query.FieldDefinition;
import org.garnet.api.query.QueryResult;
import org.garnet.api.query.ResultCell;

/**
 * The second set of RAPI v2 resources: job change waits, nodes, node groups, single instances and their
 * actions, tags, OS list, cluster modify and the generic query resources. Each is a thin adapter: a query or
 * one job, as Ganeti's {@code rlib2} does.
 */
final class MoreResources {
    static final Object UNHANDLED = new Object();
    private static final String N = Resources.NAME;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Resources r;

    MoreResources(Resources r) {
        this.r = r;
    }

    @SuppressWarnings("unchecked")
    Object handle(String method, String path, Map<String, List<String>> q, Object body) {
        Map<String, Object> b = body instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m)
                : new LinkedHashMap<>();
        Matcher m;
        if ((m = match("/2/jobs/(\\d+)/wait", path)) != null) {
            return method.equals("GET") ? waitForChange(Long.parseLong(m.group(1)), b)
                    : fail(method, path);
        }
        if (path.equals("/2/modify")) {
            return method.equals("PUT") ? r.submit(q, "OP_CLUSTER_SET_PARAMS", b, "modify") : fail(method, path);
        }
        if (path.equals("/2/redistribute-config")) {
            return method.equals("PUT") ? r.submit(q, "OP_CLUSTER_REDIST_CONF", b, "redist_config")
                    : fail(method, path);
        }
        if ((m = match("/2/nodes/" + N + "/storage(/modify|/repair)?", path)) != null) {
            return storage(method, path, m.group(1), m.group(2), q);
        }
        if (path.equals("/2/os")) {
            return Resources.get(method, () -> osList());
        }
        if (path.equals("/2/tags")) {
            return tags(method, q, "cluster", null, "tags");
        }
        if (path.equals("/2/nodes")) {
            return Resources.get(method, () -> r.list("node", "id", "/2/nodes/", Resources.NODE_FIELDS, Resources.bulk(q)));
        }
        if ((m = match("/2/nodes/" + N, path)) != null) {
            String node = m.group(1);
            return Resources.get(method, () -> r.one("node", node, Resources.NODE_FIELDS));
        }
        if ((m = match("/2/nodes/" + N + "/role", path)) != null) {
            String node = m.group(1);
            if (method.equals("PUT")) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("node_name", node);
                String role = String.valueOf(body);
                switch (role) {
                    case "drained" -> p.put("drained", true);
                    case "offline" -> p.put("offline", true);
                    case "master-candidate" -> p.put("master_candidate", true);
                    case "regular" -> {
                        p.put("master_candidate", false);
                        p.put("drained", false);
                        p.put("offline", false);
                    }
                    default -> throw new RapiError(400, "Can't set '" + role + "' role");
                }
                p.put("force", "1".equals(Resources.first(q, "force", "0")));
                return r.submit(q, "OP_NODE_SET_PARAMS", p, "nodes_name_role");
            }
            return Resources.get(method, () -> role(node));
        }
        if ((m = match("/2/nodes/" + N + "/modify", path)) != null) {
            Resources.putStatic(b, "node_name", m.group(1));
            return method.equals("POST") ? r.submit(q, "OP_NODE_SET_PARAMS", b, "nodes_name_modify")
                    : fail(method, path);
        }
        if ((m = match("/2/nodes/" + N + "/tags", path)) != null) {
            return tags(method, q, "node", m.group(1), "nodes_name_tags");
        }
        if (path.equals("/2/groups")) {
            return switch (method) {
                case "GET" -> r.list("group", "name", "/2/groups/", Resources.GROUP_FIELDS, Resources.bulk(q));
                case "POST" -> {
                    alias(b, "name", "group_name");
                    yield r.submit(q, "OP_GROUP_ADD", b, "groups");
                }
                default -> fail(method, path);
            };
        }
        if ((m = match("/2/groups/" + N, path)) != null) {
            String g = m.group(1);
            return switch (method) {
                case "GET" -> r.one("group", g, Resources.GROUP_FIELDS);
                case "DELETE" -> r.submit(q, "OP_GROUP_REMOVE", Map.of("group_name", g), "groups_name");
                default -> fail(method, path);
            };
        }
        if ((m = match("/2/groups/" + N + "/(modify|rename|assign-nodes|tags)", path)) != null) {
            String g = m.group(1);
            switch (m.group(2)) {
                case "tags":
                    return tags(method, q, "nodegroup", g, "groups_name_tags");
                case "modify":
                    alias(b, "custom_ndparams", "ndparams");
                    alias(b, "custom_ipolicy", "ipolicy");
                    alias(b, "custom_diskparams", "diskparams");
                    Resources.putStatic(b, "group_name", g);
                    return method.equals("PUT") ? r.submit(q, "OP_GROUP_SET_PARAMS", b, "groups_name_modify")
                            : fail(method, path);
                case "rename":
                    Resources.putStatic(b, "group_name", g);
                    return method.equals("PUT") ? r.submit(q, "OP_GROUP_RENAME", b, "groups_name_rename")
                            : fail(method, path);
                default:
                    Resources.putStatic(b, "group_name", g);
                    if (q.containsKey("force")) {
                        b.put("force", "1".equals(Resources.first(q, "force", "0")));
                    }
                    return method.equals("PUT") ? r.submit(q, "OP_GROUP_ASSIGN_NODES", b, "groups_name_assign_nodes")
                            : fail(method, path);
            }
        }
        if ((m = match("/2/instances/" + N, path)) != null) {
            String i = m.group(1);
            return switch (method) {
                case "GET" -> r.one("instance", i, Resources.INSTANCE_FIELDS);
                case "DELETE" -> {
                    Resources.putStatic(b, "instance_name", i);
                    b.put("ignore_failures", false);
                    yield r.submit(q, "OP_INSTANCE_REMOVE", b, "instances_name");
                }
                default -> fail(method, path);
            };
        }
        if ((m = match("/2/instances/" + N + "/disk/(\\d+)/grow", path)) != null) {
            Resources.putStatic(b, "instance_name", m.group(1));
            Resources.putStatic(b, "disk", Integer.parseInt(m.group(2)));
            return method.equals("POST") ? r.submit(q, "OP_INSTANCE_GROW_DISK", b, "instances_name_disk_grow")
                    : fail(method, path);
        }
        if ((m = match("/2/instances/" + N + "/(reinstall|rename|modify|activate-disks|deactivate-disks|"
                + "console|tags|failover|migrate|info)", path)) != null) {
            return instance(method, path, m.group(1), m.group(2), q, b);
        }
        if ((m = match("/2/query/(\\w+)/fields", path)) != null) {
            String res = m.group(1);
            return Resources.get(method, () -> Map.of("fields", fields(res, Resources.first(q, "fields", ""))));
        }
        if ((m = match("/2/query/(\\w+)", path)) != null) {
            return query(method, m.group(1), q, b);
        }
        return UNHANDLED;
    }

    private Object instance(String method, String path, String i, String what, Map<String, List<String>> q,
                            Map<String, Object> b) {
        String res = "instances_name_" + what.replace('-', '_');
        switch (what) {
            case "tags":
                return tags(method, q, "instance", i, res);
            case "info":
                if (!method.equals("GET")) {
                    return fail(method, path);
                }
                return r.submit(q, "OP_INSTANCE_QUERY_DATA", Map.of("instances", List.of(i), "static",
                        "1".equals(Resources.first(q, "static", "0"))), res);
            case "console":
                return Resources.get(method, () -> {
                    long id = r.jobs.submit(List.of(OpCode.of("OP_INSTANCE_CONSOLE", Map.of("instance_name", i))));
                    Job job = waitDone(id);
                    if (job.status() != JobStatus.success) {
                        throw new RapiError(503, "Instance console unavailable: " + job.ops().get(0).result());
                    }
                    return job.ops().get(0).result();
                });
            case "reinstall":
                if (!method.equals("POST")) {
                    return fail(method, path);
                }
                Map<String, Object> re = new LinkedHashMap<>();
                re.put("instance_name", i);
                if (b.get("os") != null) {
                    re.put("os_type", b.get("os"));
                }
                if (b.get("osparams") != null) {
                    re.put("osparams", b.get("osparams"));
                }
                boolean start = !Boolean.FALSE.equals(b.get("start"));
                List<OpCode> ops = new ArrayList<>(List.of(OpCode.of("OP_INSTANCE_SHUTDOWN", Map.of("instance_name", i)),
                        OpCode.of("OP_INSTANCE_REINSTALL", re)));
                if (start) {
                    ops.add(OpCode.of("OP_INSTANCE_STARTUP", Map.of("instance_name", i, "force", false)));
                }
                return r.submitMany(q, ops, res);
            default:
                break;
        }
        if (!method.equals("PUT")) {
            return fail(method, path);
        }
        Resources.putStatic(b, "instance_name", i);
        if (what.equals("modify")) {
            alias(b, "custom_beparams", "beparams");
            alias(b, "custom_hvparams", "hvparams");
        }
        if (what.equals("activate-disks") && q.containsKey("ignore_size")) {
            b.put("ignore_size", "1".equals(Resources.first(q, "ignore_size", "0")));
        }
        if (what.equals("deactivate-disks") && q.containsKey("force")) {
            b.put("force", "1".equals(Resources.first(q, "force", "0")));
        }
        String op = switch (what) {
            case "rename" -> "OP_INSTANCE_RENAME";
            case "modify" -> "OP_INSTANCE_SET_PARAMS";
            case "activate-disks" -> "OP_INSTANCE_ACTIVATE_DISKS";
            case "deactivate-disks" -> "OP_INSTANCE_DEACTIVATE_DISKS";
            case "failover" -> "OP_INSTANCE_FAILOVER";
            default -> "OP_INSTANCE_MIGRATE";
        };
        return r.submit(q, op, b, res);
    }

    private Object storage(String method, String path, String node, String action, Map<String, List<String>> q) {
        String type = Resources.first(q, "storage_type", null);
        Map<String, Object> p = new LinkedHashMap<>();
        if (action == null) {
            if (!method.equals("GET")) {
                return fail(method, path);
            }
            String fields = Resources.first(q, "output_fields", null);
            if (fields == null) {
                throw new RapiError(400, "Missing the required 'output_fields' parameter");
            }
            p.put("nodes", List.of(node));
            p.put("storage_type", type == null ? "file" : type);
            p.put("output_fields", List.of(fields.split(",")));
            return r.submit(q, "OP_NODE_QUERY_STORAGE", p, "nodes_name_storage");
        }
        if (!method.equals("PUT")) {
            return fail(method, path);
        }
        String name = Resources.first(q, "name", null);
        if (type == null) {
            throw new RapiError(400, "Missing the required 'storage_type' parameter");
        }
        if (name == null) {
            throw new RapiError(400, "Missing the required 'name' parameter");
        }
        p.put("node_name", node);
        p.put("storage_type", type);
        p.put("name", name);
        if (action.equals("/repair")) {
            return r.submit(q, "OP_REPAIR_NODE_STORAGE", p, "nodes_name_storage_repair");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        if (q.containsKey("allocatable")) {
            changes.put("allocatable", "1".equals(Resources.first(q, "allocatable", "0")));
        }
        p.put("changes", changes);
        return r.submit(q, "OP_NODE_MODIFY_STORAGE", p, "nodes_name_storage_modify");
    }

    private Object tags(String method, Map<String, List<String>> q, String kind, String name, String res) {
        List<String> tags = q.getOrDefault("tag", List.of());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kind", kind);
        if (name != null) {
            p.put("name", name);
        }
        return switch (method) {
            case "GET" -> {
                String resource = switch (kind) {
                    case "node" -> "node";
                    case "nodegroup" -> "group";
                    case "instance" -> "instance";
                    default -> null;
                };
                if (resource == null) {
                    yield List.copyOf(r.cluster.cluster().tags());
                }
                yield r.one(resource, name, List.of("tags")) instanceof Map<?, ?> row ? row.get("tags") : List.of();
            }
            case "PUT" -> {
                p.put("tags", tags);
                yield r.submit(q, "OP_TAGS_SET", p, res);
            }
            case "DELETE" -> {
                p.put("tags", tags);
                yield r.submit(q, "OP_TAGS_DEL", p, res);
            }
            default -> fail(method, res);
        };
    }

    private Object waitForChange(long id, Map<String, Object> body) {
        Object fieldsObj = body.get("fields");
        if (!(fieldsObj instanceof List<?> fl)) {
            throw new RapiError(400, "Missing 'fields' parameter");
        }
        List<String> fields = fl.stream().map(String::valueOf).toList();
        JobStatus known = null;
        if (body.get("previous_job_info") instanceof List<?> prev && fields.contains("status")) {
            Object st = prev.get(fields.indexOf("status"));
            try {
                known = st == null ? null : JobStatus.valueOf(String.valueOf(st));
            } catch (IllegalArgumentException e) {
                known = null;
            }
        }
        long serial = body.get("previous_log_serial") instanceof Number n ? n.longValue() : 0;
        if (r.jobs.job(id).isEmpty()) {
            throw new RapiError(404, "Job " + id + " not found");
        }
        Optional<JobChange> change = r.jobs.awaitChange(id, known, serial, WAIT);
        if (change.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> rows = Resources.rows(r.query.query("job", r.known("job", fields),
                List.of(Long.toString(id))));
        Map<String, Object> row = rows.get(0);
        List<Object> info = new ArrayList<>();
        fields.forEach(f -> info.add(row.get(f)));
        List<Object> log = new ArrayList<>();
        change.get().newLog().forEach(e -> log.add(List.of(e.serial(), List.of(e.timestamp().seconds(),
                e.timestamp().micros()), e.type(), e.message())));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job_info", info);
        out.put("log_entries", log);
        return out;
    }

    private Object role(String node) {
        Object letter = ((Map<?, ?>) r.one("node", node, List.of("role"))).get("role");
        return switch (String.valueOf(letter)) {
            case "M" -> "master";
            case "C" -> "master-candidate";
            case "D" -> "drained";
            case "O" -> "offline";
            default -> "regular";
        };
    }

    private Object osList() {
        long id = r.jobs.submit(List.of(OpCode.of("OP_OS_DIAGNOSE", Map.of("output_fields",
                List.of("name", "valid", "variants"), "names", List.of()))));
        Job job = waitDone(id);
        List<String> out = new ArrayList<>();
        if (job.ops().get(0).result() instanceof List<?> rows) {
            for (Object o : rows) {
                List<?> row = (List<?>) o;
                if (!Boolean.TRUE.equals(row.get(1))) {
                    continue;
                }
                List<?> variants = (List<?>) row.get(2);
                if (variants.isEmpty()) {
                    out.add(String.valueOf(row.get(0)));
                } else {
                    variants.forEach(v -> out.add(row.get(0) + "+" + v));
                }
            }
        }
        return out;
    }

    private Job waitDone(long id) {
        JobStatus known = null;
        while (true) {
            Optional<JobChange> c = r.jobs.awaitChange(id, known, Long.MAX_VALUE, Duration.ofSeconds(30));
            if (c.isPresent()) {
                known = c.get().job().status();
                if (known.isFinalized()) {
                    return c.get().job();
                }
            }
        }
    }

    private List<Map<String, Object>> fields(String resource, String names) {
        List<String> wanted = names.isEmpty() ? List.of() : List.of(names.split(","));
        List<Map<String, Object>> out = new ArrayList<>();
        for (FieldDefinition d : r.query.fields(queryResource(resource), wanted)) {
            out.add(Map.of("name", d.name(), "title", d.title(), "kind", d.kind().name(), "doc", d.doc()));
        }
        return out;
    }

    private Object query(String method, String resource, Map<String, List<String>> q, Map<String, Object> body) {
        List<String> fields;
        Object filter = null;
        if (method.equals("GET")) {
            String f = Resources.first(q, "fields", null);
            if (f == null) {
                throw new RapiError(400, "Missing 'fields' query argument");
            }
            fields = List.of(f.split(","));
        } else if (method.equals("PUT")) {
            if (!(body.get("fields") instanceof List<?> l)) {
                throw new RapiError(400, "Missing 'fields' in the body");
            }
            fields = l.stream().map(String::valueOf).toList();
            filter = body.get("qfilter") != null ? body.get("qfilter") : body.get("filter");
        } else {
            return fail(method, resource);
        }
        QueryResult res;
        try {
            res = r.query.query(queryResource(resource), fields, filter);
        } catch (org.garnet.api.GanetiException e) {
            throw new RapiError(400, e.getMessage());
        }
        List<Map<String, Object>> defs = new ArrayList<>();
        res.fields().forEach(d -> defs.add(Map.of("name", d.name(), "title", d.title(), "kind", d.kind().name(),
                "doc", d.doc())));
        List<Object> data = new ArrayList<>();
        for (List<ResultCell> row : res.rows()) {
            List<Object> cells = new ArrayList<>();
            for (ResultCell c : row) {
                cells.add(java.util.Arrays.asList(c.status().code(), c.value()));
            }
            data.add(cells);
        }
        return Map.of("fields", defs, "data", data);
    }

    private static String queryResource(String resource) {
        if (!List.of("group", "instance", "job", "node").contains(resource)) {
            throw new RapiError(resource.matches("export|lock|network|filter") ? 501 : 404,
                    "Query resource '" + resource + "' " + (resource.matches("export|lock|network|filter")
                            ? "is not implemented in Garnet yet" : "does not exist"));
        }
        return resource;
    }

    private static void alias(Map<String, Object> b, String from, String to) {
        if (b.containsKey(from)) {
            b.put(to, b.remove(from));
        }
    }

    private static Matcher match(String regex, String path) {
        Matcher m = Pattern.compile(regex).matcher(path);
        return m.matches() ? m : null;
    }

    private static Object fail(String method, String path) {
        throw Resources.notImplemented(method, path);
    }
}
