package org.garnet.shell.internal.os;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.shell.internal.format.TextTable;

/** {@code gnt-os list [--no-headers]}: valid OS names, with their variants ({@code os+variant}). */
@Service
@Command(scope = "gnt.os", name = "list", description = "Lists all valid operating systems on the cluster")
public class ListCommand extends OsQuery {
    @Option(name = "--no-headers", description = "Don't display column headers")
    boolean noHeaders;

    @Override
    protected String command() {
        return "list";
    }

    @Override
    public Object execute() {
        List<List<Object>> rows = diagnose(List.of("name", "valid", "variants"));
        if (rows == null) {
            return null;
        }
        List<List<String>> out = new ArrayList<>();
        for (List<Object> r : rows) {
            if (Boolean.TRUE.equals(r.get(1))) {
                names((String) r.get(0), (List<?>) r.get(2)).forEach(n -> out.add(List.of(n)));
            }
        }
        TextTable.print(List.of("Name"), out, null, !noHeaders);
        return null;
    }
}
