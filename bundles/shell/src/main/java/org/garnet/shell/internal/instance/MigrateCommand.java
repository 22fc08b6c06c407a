package org.garnet.shell.internal.instance;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code gnt-instance migrate [-f] [-n NODE] [--iallocator NAME] [--shutdown-timeout N] NAME}. */
@Service
@Command(scope = "gnt.instance", name = "migrate", description = "Migrate instance to its secondary node")
public class MigrateCommand extends RelocateCommand {
    @Override
    protected String command() {
        return "migrate";
    }

    @Override
    protected String opId() {
        return "OP_INSTANCE_MIGRATE";
    }

    @Override
    protected String question() {
        return "Instance %s will be migrated. Note that migration might impact the instance if anything goes wrong (e.g. due to bugs in the hypervisor). Continue?";
    }
}
