package org.garnet.shell.internal.os;

import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code gnt-os diagnose}: per OS its global status and, per node, its path, status, API versions, variants,
 * parameters and trust, in Ganeti's wording; exit 1 when an OS is invalid somewhere.
 */
@Service
@Command(scope = "gnt.os", name = "diagnose", description = "Diagnose all operating systems")
public class DiagnoseCommand extends OsQuery {
    @Override
    protected String command() {
        return "diagnose";
    }

    @Override
    public Object execute() {
        List<List<Object>> rows = diagnose(List.of("name", "valid", "variants", "node_status", "hidden",
                "blacklisted"));
        if (rows == null) {
            return null;
        }
        boolean bad = false;
        for (List<Object> r : rows) {
            Map<?, ?> nodes = (Map<?, ?>) r.get(3);
            boolean valid = Boolean.TRUE.equals(r.get(1));
            bad |= !valid;
            System.out.println("OS: " + r.get(0) + " [global status: " + (valid ? "valid" : "invalid") + "]");
            List<?> variants = (List<?>) r.get(2);
            if (!variants.isEmpty()) {
                System.out.println("  Variants: [" + String.join(", ", variants.stream().map(String::valueOf).toList())
                        + "]");
            }
            for (Map.Entry<?, ?> e : nodes.entrySet()) {
                List<?> info = (List<?>) ((List<?>) e.getValue()).get(0);
                boolean ok = Boolean.TRUE.equals(info.get(1));
                StringBuilder msg = new StringBuilder(ok ? "valid" : "invalid - " + info.get(2));
                msg.append(" (path: ").append(info.get(0)).append(")");
                List<?> api = (List<?>) info.get(5);
                int max = api.stream().mapToInt(v -> ((Number) v).intValue()).max().orElse(0);
                msg.append(api.isEmpty() ? " [no API versions declared]" : " [API versions: "
                        + String.join(", ", api.stream().map(String::valueOf).toList()) + "]");
                List<?> vs = (List<?>) info.get(3);
                if (max >= 15) {
                    msg.append(vs.isEmpty() ? " [no variants]" : " [variants: "
                            + String.join(", ", vs.stream().map(String::valueOf).toList()) + "]");
                }
                List<?> ps = (List<?>) info.get(4);
                if (max >= 20) {
                    msg.append(ps.isEmpty() ? " [no parameters]" : " [parameters: " + String.join(", ",
                            ps.stream().map(p -> String.valueOf(((List<?>) p).get(0))).toList()) + "]");
                }
                msg.append(Boolean.TRUE.equals(info.get(6)) ? " [trusted]" : " [untrusted]");
                System.out.println("  Node: " + e.getKey() + ", status: " + msg);
            }
            System.out.println();
        }
        return bad ? 1 : null;
    }
}
