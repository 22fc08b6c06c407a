package org.garnet.shell.internal.instance;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.query.QueryService;
import org.garnet.shell.internal.format.ListOutput;

/** {@code gnt-instance list [-o FIELDS] [--no-headers] [--separator S] [--units U] [NAME...]}. */
@Service
@Command(scope = "gnt.instance", name = "list", description = "Lists the instances and their status")
public class ListCommand implements Action {
    static final List<String> DEFAULT_FIELDS = List.of("name", "hypervisor", "os", "pnode", "status", "oper_ram");

    @Reference
    QueryService query;

    @Option(name = "--output", aliases = "-o", description = "Comma separated list of output fields")
    String output;
    @Option(name = "--no-headers", description = "Don't display column headers")
    boolean noHeaders;
    @Option(name = "--separator", description = "Separator between output fields")
    String separator;
    @Option(name = "--units", description = "Specify units for output (one of h/m/g/t)")
    String units;
    @Option(name = "--verbose", aliases = "-v", description = "Increase the verbosity of the operation")
    boolean verbose;
    @Option(name = "--filter", aliases = "-F", description = "Treat the argument as a query filter expression")
    boolean filter;

    @Argument(name = "instance-name", multiValued = true, description = "Instances to list (all if none)")
    List<String> names;

    @Override
    public Object execute() {
        return new ListOutput(query, "instance", DEFAULT_FIELDS).print(output, names, filter, units, separator, !noHeaders,
                verbose);
    }
}
