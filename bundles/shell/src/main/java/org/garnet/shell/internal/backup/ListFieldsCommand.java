package org.garnet.shell.internal.backup;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.query.QueryService;
import org.garnet.shell.internal.format.ListOutput;

/** {@code gnt-backup list-fields [FIELD...]}. */
@Service
@Command(scope = "gnt.backup", name = "list-fields", description = "Lists all available fields for exports")
public class ListFieldsCommand implements Action {
    @Reference
    QueryService query;

    @Option(name = "--no-headers", description = "Don't display column headers")
    boolean noHeaders;
    @Option(name = "--separator", description = "Separator between output fields")
    String separator;

    @Argument(name = "field", multiValued = true, description = "Fields to describe (all if none)")
    List<String> fields;

    @Override
    public Object execute() {
        return ListOutput.printFields(query, "export", fields, separator, !noHeaders);
    }
}
