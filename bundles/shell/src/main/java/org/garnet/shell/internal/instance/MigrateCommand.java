package org.garnet.shell.internal.instance;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;

/**
 * {@code gnt-instance migrate [-f] [-n NODE | -I NAME] [--non-live | --migration-mode MODE] [--cleanup]
 * [--allow-failover] [--no-runtime-changes] [--ignore-ipolicy] [--ignore-hvversions] NAME}.
 */
@Service
@Command(scope = "gnt.instance", name = "migrate", description = "Migrate instance to its secondary node")
public class MigrateCommand extends RelocateCommand {
    @Option(name = "--non-live", description = "Do a non-live migration (this usually means freeze the instance, "
            + "save the state, transfer and only then resume running on the secondary node)")
    boolean nonLive;
    @Option(name = "--migration-mode", description = "Override default migration mode (choose either live or "
            + "non-live")
    String migrationMode;
    @Option(name = "--cleanup", description = "Instead of performing the migration/failover, try to recover from a "
            + "failed cleanup")
    boolean cleanup;
    @Option(name = "--allow-failover", description = "If migration is not possible fallback to failover")
    boolean allowFailover;
    @Option(name = "--no-runtime-changes", description = "Don't allow runtime changes")
    boolean noRuntimeChanges;
    @Option(name = "--ignore-hvversions", description = "Ignore incompatible hypervisor versions between source and "
            + "target")
    boolean ignoreHvversions;

    @Override
    protected String command() {
        return "migrate";
    }

    @Override
    protected String opId() {
        return "OP_INSTANCE_MIGRATE";
    }

    @Override
    protected Map<String, Object> params() {
        if (node != null && iallocator != null) {
            throw GanetiException.prereq("Specify either an iallocator (-I), or a target node (-n) but not both",
                    ErrorCode.ECODE_INVAL);
        }
        if (nonLive && migrationMode != null) {
            throw GanetiException.prereq("Only one of the --non-live and --migration-mode options can be passed",
                    ErrorCode.ECODE_INVAL);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        if (node != null) {
            p.put("target_node", node);
        }
        if (iallocator != null) {
            p.put("iallocator", iallocator);
        }
        p.put("mode", nonLive ? "non-live" : migrationMode);
        p.put("cleanup", cleanup);
        p.put("allow_failover", allowFailover);
        p.put("allow_runtime_changes", !noRuntimeChanges);
        p.put("ignore_ipolicy", ignoreIpolicy);
        p.put("ignore_hvversions", ignoreHvversions);
        return p;
    }

    @Override
    protected String question() {
        return cleanup ? "Instance %s will be recovered from a failed migration. Note that the migration procedure "
                + "(including cleanup) might impact the instance if anything goes wrong (e.g. due to bugs in the "
                + "hypervisor). Continue?"
                : "Instance %s will be migrated. Note that migration might impact the instance if anything goes "
                + "wrong (e.g. due to bugs in the hypervisor). Continue?";
    }
}
