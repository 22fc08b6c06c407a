package org.garnet.shell.internal.debug;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.locks.LockInfo;
import org.garnet.api.locks.LockMonitor;
import org.garnet.shell.internal.format.TextTable;

/**
 * {@code gnt-debug locks [--no-headers] [--separator S] [-o FIELDS]}: Ganeti's columns {@code name}, {@code mode},
 * {@code owner}, {@code pending} (titles Name, Mode, Owner, Pending); empty values print as {@code -}.
 */
@Service
@Command(scope = "gnt.debug", name = "locks", description = "Show a list of locks in the master daemon")
public class LocksCommand implements Action {
    private static final Map<String, String> TITLES = Map.of("name", "Name", "mode", "Mode", "owner", "Owner",
            "pending", "Pending");

    @Reference
    LockMonitor locks;

    @Option(name = "--no-headers", description = "Don't display column headers")
    boolean noHeaders;
    @Option(name = "--separator", description = "Separator between output fields")
    String separator;
    @Option(name = "--output", aliases = "-o", description = "Comma separated list of output fields")
    String output;

    @Override
    public Object execute() {
        List<String> fields = output == null ? List.of("name", "mode", "owner", "pending")
                : List.of(output.split(","));
        List<List<String>> rows = new ArrayList<>();
        for (LockInfo l : locks.locks()) {
            List<String> row = new ArrayList<>();
            for (String f : fields) {
                row.add(switch (f) {
                    case "name" -> l.name();
                    case "mode" -> l.mode() == null ? "-" : l.mode();
                    case "owner" -> l.owners().isEmpty() ? "-" : String.join(",", l.owners());
                    case "pending" -> l.pending().isEmpty() ? "-" : String.join(",", l.pending());
                    default -> "??";
                });
            }
            rows.add(row);
        }
        List<String> titles = fields.stream().map(f -> TITLES.getOrDefault(f, f)).toList();
        TextTable.print(titles, rows, separator, !noHeaders);
        return null;
    }
}
