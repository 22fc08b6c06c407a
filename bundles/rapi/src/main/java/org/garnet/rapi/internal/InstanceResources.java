package org.garnet.rapi.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.garnet.api.jobs.OpCode;

/** {@code /2/instances}, {@code /2/instances-multi-alloc} and an instance's resources. */
final class InstanceResources {
    /** The fields of a live Ganeti 3.0.2's instance answers (its rlib2 also names custom_osparams; 3.0.2 omits it). */
    static final List<String> FIELDS = List.of("name", "admin_state", "os", "pnode", "snodes", "disk_template",
            "nic.ips", "nic.macs", "nic.modes", "nic.uuids", "nic.names", "nic.links", "nic.networks",
            "nic.networks.names", "nic.bridges", "network_port", "disk.sizes", "disk.spindles", "disk_usage",
            "disk.uuids", "disk.names", "beparams", "hvparams", "oper_state", "oper_ram", "oper_vcpus", "status",
            "custom_hvparams", "custom_beparams", "custom_nicparams", "ctime", "mtime", "uuid", "serial_no", "tags");
    private static final String INSTANCE = "/2/instances/" + Routes.NAME;
    /** Ganeti's RAPI adds {@code memory} (= {@code maxmem}) to an instance's {@code beparams}. */
    private static final Map<String, UnaryOperator<Object>> ADJUST = Map.of("beparams", be -> {
        if (!(be instanceof Map<?, ?> m)) {
            return be;
        }
        Map<Object, Object> out = new java.util.TreeMap<>(m);
        out.put("memory", m.get("maxmem"));
        return out;
    });

    private final Backend b;

    private InstanceResources(Backend b) {
        this.b = b;
    }

    static void addTo(Routes routes, Backend b) {
        InstanceResources r = new InstanceResources(b);
        routes.add("/2/instances", "instances")
                .get(c -> b.list(c, "instance", "id", "/2/instances/", FIELDS, ADJUST))
                .post(r::create);
        routes.add("/2/instances-multi-alloc", "instances_multi_alloc").post(r::multiAlloc);
        routes.add(INSTANCE, "instances_name")
                .get(c -> Backend.adjusted(b.one("instance", c.param(0), FIELDS), ADJUST))
                .delete(c -> {
                    Map<String, Object> body = withInstance(c, c.opBody());
                    body.put("ignore_failures", false);
                    return b.submit(c, "OP_INSTANCE_REMOVE", body);
                });
        routes.add(INSTANCE + "/info", "instances_name_info").get(c -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("instances", List.of(c.param(0)));
            p.put("static", c.args().flag("static"));
            return b.submit(c, "OP_INSTANCE_QUERY_DATA", p);
        });
        routes.add(INSTANCE + "/startup", "instances_name_startup").put(c -> {
            Map<String, Object> p = withInstance(c, c.opBody());
            p.put("force", c.args().flag("force"));
            p.put("no_remember", c.args().flag("no_remember"));
            return b.submit(c, "OP_INSTANCE_STARTUP", p);
        });
        routes.add(INSTANCE + "/shutdown", "instances_name_shutdown").put(c -> {
            Map<String, Object> p = withInstance(c, c.opBody());
            p.put("no_remember", c.args().flag("no_remember"));
            return b.submit(c, "OP_INSTANCE_SHUTDOWN", p);
        });
        routes.add(INSTANCE + "/reboot", "instances_name_reboot").post(c -> {
            Map<String, Object> p = withInstance(c, c.opBody());
            Backend.putStatic(p, "reboot_type", c.args().string("type", "hard"));
            Backend.putStatic(p, "ignore_secondaries", c.args().flag("ignore_secondaries"));
            return b.submit(c, "OP_INSTANCE_REBOOT", p);
        });
        routes.add(INSTANCE + "/reinstall", "instances_name_reinstall").post(r::reinstall);
        routes.add(INSTANCE + "/rename", "instances_name_rename")
                .put(c -> b.submit(c, "OP_INSTANCE_RENAME", withInstance(c, c.opBody())));
        routes.add(INSTANCE + "/modify", "instances_name_modify").put(c -> {
            Map<String, Object> body = c.opBody();
            Backend.rename(body, "custom_beparams", "beparams");
            Backend.rename(body, "custom_hvparams", "hvparams");
            return b.submit(c, "OP_INSTANCE_SET_PARAMS", withInstance(c, body));
        });
        routes.add(INSTANCE + "/activate-disks", "instances_name_activate_disks").put(c -> {
            Map<String, Object> p = withInstance(c, c.opBody());
            c.args().flagInto(p, "ignore_size", "ignore_size");
            return b.submit(c, "OP_INSTANCE_ACTIVATE_DISKS", p);
        });
        routes.add(INSTANCE + "/deactivate-disks", "instances_name_deactivate_disks").put(c -> {
            Map<String, Object> p = withInstance(c, c.opBody());
            c.args().flagInto(p, "force", "force");
            return b.submit(c, "OP_INSTANCE_DEACTIVATE_DISKS", p);
        });
        routes.add(INSTANCE + "/failover", "instances_name_failover")
                .put(c -> b.submit(c, "OP_INSTANCE_FAILOVER", withInstance(c, c.opBody())));
        routes.add(INSTANCE + "/migrate", "instances_name_migrate")
                .put(c -> b.submit(c, "OP_INSTANCE_MIGRATE", withInstance(c, c.opBody())));
        routes.add(INSTANCE + "/disk/" + Routes.ID + "/grow", "instances_name_disk_grow").post(c -> {
            Map<String, Object> p = withInstance(c, c.opBody());
            int disk;
            try {
                disk = Integer.parseInt(c.param(1));
            } catch (NumberFormatException e) {
                throw new RapiError(400, "Invalid disk index " + c.param(1));
            }
            Backend.putStatic(p, "disk", disk);
            return b.submit(c, "OP_INSTANCE_GROW_DISK", p);
        });
        // exports (Ganeti's R_2_instances_name_prepare_export and _export): "destination" is the target node
        routes.add(INSTANCE + "/prepare-export", "instances_name_prepare_export").put(c -> {
            Map<String, Object> p = withInstance(c, new java.util.LinkedHashMap<>());
            p.put("mode", c.args().string("mode", null));
            if (p.get("mode") == null) {
                throw new RapiError(400, "Missing 'mode' query argument");
            }
            return b.submit(c, "OP_BACKUP_PREPARE", p);
        });
        routes.add(INSTANCE + "/export", "instances_name_export").put(c -> {
            Map<String, Object> p = c.opBody();
            if (p.containsKey("destination")) {
                p.put("target_node", p.remove("destination"));
            }
            return b.submit(c, "OP_BACKUP_EXPORT", withInstance(c, p));
        }).delete(c -> b.submit(c, "OP_BACKUP_REMOVE", withInstance(c, new java.util.LinkedHashMap<>())));
        routes.add(INSTANCE + "/console", "instances_name_console").on("GET", Route.READ_OR_WRITE, r::console);
        TagResources.add(routes, b, INSTANCE + "/tags", "instances_name_tags", "instance");
    }

    private static Map<String, Object> withInstance(Call c, Map<String, Object> body) {
        Backend.putStatic(body, "instance_name", c.param(0));
        return body;
    }

    private Object create(Call c) {
        Map<String, Object> p = c.opBody();
        Object version = p.remove("__version__");
        if (!Integer.valueOf(1).equals(version)) {
            throw new RapiError(400, "Instance creation request version 0 is no longer supported");
        }
        renameCreationParams(p);
        return b.submit(c, "OP_INSTANCE_CREATE", p);
    }

    /**
     * {@code POST /2/instances-multi-alloc}: {@code OP_INSTANCE_MULTI_ALLOC}; each instance definition may use
     * the short names {@code name} and {@code os}, as for a single creation.
     */
    @SuppressWarnings("unchecked")
    private Object multiAlloc(Call c) {
        Map<String, Object> p = c.opBody();
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
        return b.submit(c, "OP_INSTANCE_MULTI_ALLOC", p);
    }

    /** An instance creation's short RAPI names ({@code name}, {@code os}) as the opcode's, as Ganeti renames them. */
    private static void renameCreationParams(Map<String, Object> m) {
        Backend.rename(m, "name", "instance_name");
        Backend.rename(m, "os", "os_type");
    }

    /**
     * Ganeti's reinstall: the body ({@code os}, {@code start}, {@code osparams}) or the legacy query arguments
     * ({@code os}, {@code nostartup}), not both; one job of shutdown, reinstall and (unless told not to) startup.
     */
    private Object reinstall(Call c) {
        Map<String, Object> body = c.opBody();
        String i = c.param(0);
        boolean legacy = c.args().has("os") || c.args().has("nostartup");
        if (!body.isEmpty() && legacy) {
            throw new RapiError(400, "Parameters 'os' and 'nostartup' may only be given in the body or as query "
                    + "arguments, not both");
        }
        for (String k : body.keySet()) {
            if (!List.of("os", "start", "osparams").contains(k)) {
                throw new RapiError(400, "Invalid body parameters: unknown parameter '" + k + "'");
            }
        }
        Object os = legacy ? c.args().string("os", null) : body.get("os");
        boolean start = legacy ? !c.args().flag("nostartup") : !Boolean.FALSE.equals(body.get("start"));
        Map<String, Object> re = new LinkedHashMap<>();
        re.put("instance_name", i);
        if (os != null) {
            re.put("os_type", os);
        }
        if (body.get("osparams") != null) {
            re.put("osparams", body.get("osparams"));
        }
        List<OpCode> ops = new ArrayList<>(List.of(OpCode.of("OP_INSTANCE_SHUTDOWN", Map.of("instance_name", i)),
                OpCode.of("OP_INSTANCE_REINSTALL", re)));
        if (start) {
            ops.add(OpCode.of("OP_INSTANCE_STARTUP", Map.of("instance_name", i, "force", false)));
        }
        return b.submitMany(c, ops);
    }

    /**
     * The console of a running instance, from the {@code console} query field as Ganeti's RAPI reads it (no job);
     * an unknown instance is a 404, a stopped one Ganeti's 503.
     */
    private Object console(Call c) {
        String i = c.param(0);
        Map<String, Object> row = b.one("instance", i, List.of("console", "oper_state"));
        if (!(row.get("console") instanceof Map<?, ?> console)) {
            throw new RapiError(503, "Instance " + i + " is not running");
        }
        return console;
    }
}
