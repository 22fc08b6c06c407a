package org.garnet.shell.internal.storage;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.shell.internal.format.Streams;

/**
 * {@code gnt-storage diagnose}: per provider, its status on each node (valid ones first) with its path and
 * parameters, then per node group, in Ganeti's wording; no provider anywhere is Ganeti's error and exit 1.
 */
@Service
@Command(scope = "gnt.storage", name = "diagnose", description = "Diagnose all ExtStorage providers")
public class DiagnoseCommand extends StorageQuery {
    @Override
    protected String command() {
        return "diagnose";
    }

    @Override
    public Object execute() {
        List<List<Object>> rows = diagnose(List.of("name", "node_status", "nodegroup_status"));
        if (rows == null) {
            return 1;
        }
        if (rows.isEmpty()) {
            Streams.err().println("Can't get the list of ExtStorage providers");
            return 1;
        }
        for (List<Object> r : rows) {
            Map<String, String> good = new TreeMap<>();
            Map<String, String> bad = new TreeMap<>();
            ((Map<?, ?>) r.get(1)).forEach((node, status) -> {
                List<?> entries = (List<?>) status;
                if (entries.isEmpty()) {
                    bad.put(String.valueOf(node), "ExtStorage provider not found");
                    return;
                }
                List<?> e = (List<?>) entries.get(0);
                boolean valid = Boolean.TRUE.equals(e.get(1));
                StringBuilder msg = new StringBuilder(valid ? "valid" : "invalid - " + e.get(2));
                msg.append(" (path: ").append(e.get(0)).append(")");
                List<?> params = (List<?>) e.get(3);
                msg.append(params.isEmpty() ? " [no parameters]" : " [parameters: " + String.join(", ",
                        params.stream().map(p -> String.valueOf(((List<?>) p).get(0))).toList()) + "]");
                (valid ? good : bad).put(String.valueOf(node), msg.toString());
            });
            System.out.println("Provider: " + r.get(0));
            System.out.println("---");
            for (Map<String, String> m : List.of(good, bad)) {
                sorted(m.keySet()).forEach(n -> System.out.println("  Node: " + n + ", status: " + m.get(n)));
            }
            System.out.println("  --");
            Map<?, ?> groups = (Map<?, ?>) r.get(2);
            List<String> names = sorted(groups.keySet());
            names.stream().filter(g -> Boolean.TRUE.equals(groups.get(g)))
                    .forEach(g -> System.out.println("  For nodegroup: " + g + " --> valid"));
            names.stream().filter(g -> !Boolean.TRUE.equals(groups.get(g)))
                    .forEach(g -> System.out.println("  For nodegroup: " + g + " --> invalid"));
            System.out.println();
        }
        return null;
    }
}
