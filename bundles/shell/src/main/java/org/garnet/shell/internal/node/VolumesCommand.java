package org.garnet.shell.internal.node;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code gnt-node volumes}: the LVM volumes of the nodes. Garnet's disk templates so far (file, sharedfile,
 * diskless) use no logical volumes, so the list is empty: the header only, as Ganeti prints it then.
 */
@Service
@Command(scope = "gnt.node", name = "volumes", description = "Lists logical volumes on the nodes")
public class VolumesCommand implements Action {
    @Option(name = "--no-headers", description = "Don't display column headers")
    boolean noHeaders;
    @Option(name = "--separator", description = "Separator between output fields")
    String separator;
    @Argument(name = "node", multiValued = true, description = "Nodes (all if none)")
    java.util.List<String> nodes;

    @Override
    public Object execute() {
        if (!noHeaders) {
            System.out.println(String.join(separator == null ? " " : separator, "Node", "PhysDev", "VG", "Name",
                    "Size", "Instance"));
        }
        return null;
    }
}
