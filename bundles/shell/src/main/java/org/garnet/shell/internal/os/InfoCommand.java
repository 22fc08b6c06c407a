package org.garnet.shell.internal.os;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code gnt-os info [OS...]}: validity, API versions, variants, parameters, as Ganeti prints them. */
@Service
@Command(scope = "gnt.os", name = "info", description = "Show detailed information about operating systems")
public class InfoCommand extends OsQuery {
    @Argument(name = "os", multiValued = true, description = "OS names (all if none)")
    List<String> names;

    @Override
    protected String command() {
        return "info";
    }

    @Override
    public Object execute() {
        List<List<Object>> rows = diagnose(List.of("name", "valid", "variants", "parameters", "api_versions",
                "blacklisted", "hidden", "trusted"));
        if (rows == null) {
            return null;
        }
        List<String> wanted = names == null ? new ArrayList<>() : new ArrayList<>(names);
        boolean filter = !wanted.isEmpty();
        for (List<Object> r : rows) {
            String name = (String) r.get(0);
            if (filter && !wanted.remove(name)) {
                continue;
            }
            boolean valid = Boolean.TRUE.equals(r.get(1));
            System.out.println(name + ":");
            System.out.println("  - valid: " + py(valid));
            System.out.println("  - hidden: " + py(r.get(6)));
            System.out.println("  - blacklisted: " + py(r.get(5)));
            if (valid) {
                System.out.println("  - API versions:");
                ((List<?>) r.get(4)).stream().map(v -> ((Number) v).intValue()).sorted()
                        .forEach(v -> System.out.println("    - " + v));
                System.out.println("  - variants:");
                ((List<?>) r.get(2)).forEach(v -> System.out.println("    - " + v));
                System.out.println("  - parameters:");
                for (Object p : (List<?>) r.get(3)) {
                    List<?> pd = (List<?>) p;
                    System.out.println("    - " + pd.get(0) + ": " + pd.get(1));
                }
            }
            System.out.println("  - trusted: " + py(r.get(7)));
            System.out.println();
        }
        for (String missing : wanted) {
            System.out.println(missing + ": ");
            System.out.println();
        }
        return null;
    }

    private static String py(Object b) {
        return Boolean.TRUE.equals(b) ? "True" : "False";
    }
}
