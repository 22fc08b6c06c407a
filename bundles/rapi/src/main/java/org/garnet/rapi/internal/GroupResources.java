package org.garnet.rapi.internal;

import java.util.List;
import java.util.Map;

/** {@code /2/groups} and a node group's resources: modify, rename, assign-nodes, tags. */
final class GroupResources {
    static final List<String> FIELDS = List.of("alloc_policy", "name", "node_cnt", "node_list", "ipolicy",
            "custom_ipolicy", "diskparams", "custom_diskparams", "ndparams", "custom_ndparams", "ctime", "mtime",
            "uuid", "serial_no", "tags");
    private static final String GROUP = "/2/groups/" + Routes.NAME;

    private GroupResources() {
    }

    static void addTo(Routes routes, Backend b) {
        routes.add("/2/groups", "groups")
                .get(c -> b.list(c, "group", "name", "/2/groups/", FIELDS))
                .post(c -> {
                    Map<String, Object> body = c.opBody();
                    Backend.rename(body, "name", "group_name");
                    return b.submit(c, "OP_GROUP_ADD", body);
                });
        routes.add(GROUP, "groups_name")
                .get(c -> b.one("group", c.param(0), FIELDS))
                .delete(c -> b.submit(c, "OP_GROUP_REMOVE", withGroup(c, c.opBody())));
        routes.add(GROUP + "/modify", "groups_name_modify").put(c -> {
            Map<String, Object> body = c.opBody();
            Backend.rename(body, "custom_ndparams", "ndparams");
            Backend.rename(body, "custom_ipolicy", "ipolicy");
            Backend.rename(body, "custom_diskparams", "diskparams");
            return b.submit(c, "OP_GROUP_SET_PARAMS", withGroup(c, body));
        });
        routes.add(GROUP + "/rename", "groups_name_rename")
                .put(c -> b.submit(c, "OP_GROUP_RENAME", withGroup(c, c.opBody())));
        routes.add(GROUP + "/assign-nodes", "groups_name_assign_nodes").put(c -> {
            Map<String, Object> body = withGroup(c, c.opBody());
            c.args().flagInto(body, "force", "force");
            return b.submit(c, "OP_GROUP_ASSIGN_NODES", body);
        });
        TagResources.add(routes, b, GROUP + "/tags", "groups_name_tags", "nodegroup");
    }

    private static Map<String, Object> withGroup(Call c, Map<String, Object> body) {
        Backend.putStatic(body, "group_name", c.param(0));
        return body;
    }
}
