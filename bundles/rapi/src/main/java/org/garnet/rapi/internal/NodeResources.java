package org.garnet.rapi.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /2/nodes} and a node's resources: role, modify, storage, tags. */
final class NodeResources {
    static final List<String> FIELDS = List.of("name", "offline", "master_candidate", "drained", "dtotal", "dfree",
            "sptotal", "spfree", "mtotal", "mnode", "mfree", "pinst_cnt", "sinst_cnt", "ctotal", "cnos", "cnodes",
            "csockets", "pip", "sip", "role", "pinst_list", "sinst_list", "master_capable", "vm_capable", "ndparams",
            "group.uuid", "ctime", "mtime", "uuid", "serial_no", "tags");
    private static final String NODE = "/2/nodes/" + Routes.NAME;

    private final Backend b;

    private NodeResources(Backend b) {
        this.b = b;
    }

    static void addTo(Routes routes, Backend b) {
        NodeResources r = new NodeResources(b);
        routes.add("/2/nodes", "nodes").get(c -> b.list(c, "node", "id", "/2/nodes/", FIELDS));
        routes.add(NODE, "nodes_name").get(r::node);
        routes.add(NODE + "/role", "nodes_name_role").get(r::role).put(r::setRole);
        routes.add(NODE + "/modify", "nodes_name_modify").post(c -> {
            Map<String, Object> body = c.opBody();
            Backend.putStatic(body, "node_name", c.param(0));
            return b.submit(c, "OP_NODE_SET_PARAMS", body);
        });
        routes.add(NODE + "/evacuate", "nodes_name_evacuate").post(c -> {
            Map<String, Object> body = c.opBody();
            Backend.putStatic(body, "node_name", c.param(0));
            return b.submit(c, "OP_NODE_EVACUATE", body);
        });
        routes.add(NODE + "/migrate", "nodes_name_migrate").post(c -> {
            Map<String, Object> body;
            if (c.args().has("live") || c.args().has("mode")) {
                // Ganeti's older form: the mode in the query
                if (c.args().has("live") && c.args().has("mode")) {
                    throw new RapiError(400, "Only one of 'live' and 'mode' should be passed");
                }
                body = new java.util.LinkedHashMap<>();
                body.put("mode", c.args().has("live")
                        ? (c.args().integer("live", 1).signum() != 0 ? "live" : "non-live")
                        : c.args().string("mode", null));
            } else {
                body = c.opBody();
            }
            Backend.putStatic(body, "node_name", c.param(0));
            return b.submit(c, "OP_NODE_MIGRATE", body);
        });
        routes.add(NODE + "/storage", "nodes_name_storage").on("GET", Route.WRITE, r::storage);
        routes.add(NODE + "/storage/modify", "nodes_name_storage_modify").put(r::modifyStorage);
        routes.add(NODE + "/storage/repair", "nodes_name_storage_repair").put(r::repairStorage);
        TagResources.add(routes, b, NODE + "/tags", "nodes_name_tags", "node");
    }

    /** One node's fields, with Ganeti's alias {@code secondary_ip} of {@code sip}. */
    private Object node(Call c) {
        Map<String, Object> m = b.one("node", c.param(0), FIELDS);
        m.put("secondary_ip", m.get("sip"));
        return m;
    }

    private Object role(Call c) {
        Object letter = b.one("node", c.param(0), List.of("role")).get("role");
        return switch (String.valueOf(letter)) {
            case "M" -> "master";
            case "C" -> "master-candidate";
            case "D" -> "drained";
            case "O" -> "offline";
            default -> "regular";
        };
    }

    private Object setRole(Call c) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("node_name", c.param(0));
        if (!(c.body() instanceof String role)) {
            throw new RapiError(400, "The body must be one of the roles drained, master-candidate, offline, regular");
        }
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
        p.put("force", c.args().flag("force"));
        c.args().flagInto(p, "auto-promote", "auto_promote");
        return b.submit(c, "OP_NODE_SET_PARAMS", p);
    }

    private Object storage(Call c) {
        String fields = c.args().string("output_fields", null);
        if (fields == null) {
            throw new RapiError(400, "Missing the required 'output_fields' parameter");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("nodes", List.of(c.param(0)));
        p.put("storage_type", c.args().string("storage_type", "file"));
        p.put("output_fields", List.of(fields.split(",")));
        return b.submit(c, "OP_NODE_QUERY_STORAGE", p);
    }

    private Map<String, Object> storageUnit(Call c) {
        String type = c.args().string("storage_type", null);
        String name = c.args().string("name", null);
        if (type == null) {
            throw new RapiError(400, "Missing the required 'storage_type' parameter");
        }
        if (name == null) {
            throw new RapiError(400, "Missing the required 'name' parameter");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("node_name", c.param(0));
        p.put("storage_type", type);
        p.put("name", name);
        return p;
    }

    private Object modifyStorage(Call c) {
        Map<String, Object> p = storageUnit(c);
        Map<String, Object> changes = new LinkedHashMap<>();
        c.args().flagInto(changes, "allocatable", "allocatable");
        p.put("changes", changes);
        return b.submit(c, "OP_NODE_MODIFY_STORAGE", p);
    }

    private Object repairStorage(Call c) {
        return b.submit(c, "OP_REPAIR_NODE_STORAGE", storageUnit(c));
    }
}
