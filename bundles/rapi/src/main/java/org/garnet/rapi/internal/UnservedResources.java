package org.garnet.rapi.internal;

import java.util.List;

/**
 * Ganeti resources whose objects Garnet does not have yet (networks, filters, power cycling, disk replacement and
 * re-creation): their lists answer what Ganeti answers when there
 * are none ({@code []}), everything else a 501 that says so. Later issues replace these routes with real ones.
 */
final class UnservedResources {
    private UnservedResources() {
    }

    static void addTo(Routes routes) {
        routes.add("/2/networks", "networks").get(c -> List.of()).post(UnservedResources::notYet);
        routes.add("/2/filters", "filters").get(c -> List.of()).post(UnservedResources::notYet);
        routes.add("/2/networks/" + Routes.NAME, "networks_name").get(c -> {
            throw new RapiError(404, null);
        }).delete(UnservedResources::notYet);
        routes.add("/2/networks/" + Routes.NAME + "/(connect|disconnect|modify|rename)", "networks_name_action")
                .put(UnservedResources::notYet);
        routes.add("/2/networks/" + Routes.NAME + "/tags", "networks_name_tags").get(c -> {
            throw new RapiError(404, null);
        }).put(UnservedResources::notYet).delete(UnservedResources::notYet);
        routes.add("/2/filters/([\\w-]+)", "filters_uuid").get(c -> {
            throw new RapiError(404, null);
        }).put(UnservedResources::notYet).delete(UnservedResources::notYet);
        String node = "/2/nodes/" + Routes.NAME;
        routes.add(node + "/powercycle", "nodes_name_powercycle").post(UnservedResources::notYet);
        String inst = "/2/instances/" + Routes.NAME;
        routes.add(inst + "/(replace-disks|recreate-disks)", "instances_name_disks").post(UnservedResources::notYet);
    }

    private static Object notYet(Call c) {
        throw new RapiError(501, "Method " + c.method() + " on this resource is not implemented in Garnet yet");
    }
}
