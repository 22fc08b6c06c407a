package org.garnet.shell.internal;

import org.garnet.api.query.QueryService;

import java.util.List;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Registers the Ganeti tools ({@code gnt-cluster}, {@code gnt-node}, ...) as top-level shell commands that
 * dispatch to their verbs; the verbs themselves are ordinary Karaf commands of this bundle. The htools
 * ({@code hbal}, {@code hspace}, ...) are registered the same way ({@link HtoolCommand}).
 */
@Component(immediate = true)
public class GntTools {
    static final List<String> TOOLS = List.of("gnt-cluster", "gnt-node", "gnt-instance", "gnt-group", "gnt-os", "gnt-job",
            "gnt-debug", "gnt-backup", "gnt-storage");

    private final SessionFactory sessions;
    private final List<org.apache.karaf.shell.api.console.Command> commands;

    @Activate
    public GntTools(@Reference SessionFactory sessions, @Reference QueryService query,
                    @Reference org.garnet.api.config.ClusterService cluster) {
        this.sessions = sessions;
        List<org.apache.karaf.shell.api.console.Command> all = new java.util.ArrayList<>();
        TOOLS.stream().map(t -> new ToolCommand(t, cluster::requireMaster)).forEach(all::add);
        HtoolCommand.TOOLS.stream().map(HtoolCommand::new).forEach(all::add);
        all.addAll(PlannedTool.all(() -> query.query("node", List.of("name"), List.of()).rows().stream()
                .map(r -> String.valueOf(r.get(0).value())).toList()));
        commands = List.copyOf(all);
        commands.forEach(c -> sessions.getRegistry().register(c));
    }

    @Deactivate
    void deactivate() {
        commands.forEach(c -> sessions.getRegistry().unregister(c));
    }
}
