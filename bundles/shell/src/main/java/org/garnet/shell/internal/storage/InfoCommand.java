package org.garnet.shell.internal.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.shell.internal.format.Streams;

/**
 * {@code gnt-storage info [PROVIDER...]}: per provider, the node groups it is valid for and its parameters (or
 * "Invalid for all nodegroups"), then each name asked for that no node has ("Not Found"), in Ganeti's wording.
 */
@Service
@Command(scope = "gnt.storage", name = "info", description = "Show info about ExtStorage providers")
public class InfoCommand extends StorageQuery {
    @Argument(name = "names", multiValued = true, description = "ExtStorage providers")
    List<String> names;

    @Override
    protected String command() {
        return "info";
    }

    @Override
    public Object execute() {
        List<List<Object>> rows = diagnose(List.of("name", "nodegroup_status", "parameters"));
        if (rows == null) {
            return 1;
        }
        if (rows.isEmpty()) {
            Streams.err().println("Can't get the ExtStorage providers list");
            return 1;
        }
        List<String> wanted = names == null ? new ArrayList<>() : new ArrayList<>(names);
        boolean filter = !wanted.isEmpty();
        for (List<Object> r : rows) {
            String name = String.valueOf(r.get(0));
            if (filter && !wanted.remove(name)) {
                continue;
            }
            Map<?, ?> groups = (Map<?, ?>) r.get(1);
            List<String> valid = sorted(groups.keySet()).stream().filter(g -> Boolean.TRUE.equals(groups.get(g)))
                    .toList();
            System.out.println(name + ":");
            if (!valid.isEmpty()) {
                System.out.println("  - Valid for nodegroups:");
                valid.forEach(g -> System.out.println("      " + g));
                System.out.println("  - Supported parameters:");
                for (Object p : (List<?>) r.get(2)) {
                    List<?> pd = (List<?>) p;
                    System.out.println("      " + pd.get(0) + ": " + pd.get(1));
                }
            } else {
                System.out.println("  - Invalid for all nodegroups");
            }
            System.out.println();
        }
        for (String n : wanted) {
            System.out.println(n + ": Not Found");
            System.out.println();
        }
        return null;
    }
}
