package org.garnet.shell.internal.cluster;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.GanetiException;
import org.garnet.api.release.Upgrades;

/**
 * {@code gnt-cluster upgrade {--to VERSION | --resume}}: Ganeti's procedure and lines, the release swapped on every
 * node (the master last) by its release agent; instances keep running. The master's swap replaces this command's
 * own bundle: from there on it follows the next core's lines through the agent's files ({@link UpgradeFollower}).
 * Refusals go to standard error with exit code 1, as Ganeti's.
 */
@Service
@Command(scope = "gnt.cluster", name = "upgrade", description = "Upgrade (or downgrade) to a new Ganeti version")
public class UpgradeCommand implements Action {
    /** How long to follow the master's swap and the next core's steps. */
    static final long FOLLOW_MILLIS = 300_000;
    @Reference
    Upgrades upgrades;
    @Option(name = "--to", description = "The Ganeti version to upgrade to")
    String to;
    @Option(name = "--resume", description = "Resume any pending Ganeti upgrades")
    boolean resume;
    @Option(name = "--debug", aliases = "-d", description = "Increase debugging level")
    boolean debug;
    @Option(name = "--reason", description = "The reason for executing the command")
    String reason;

    @Override
    public Object execute() throws Exception {
        if ((to == null) == !resume) {
            org.garnet.shell.internal.format.Streams.err().println("Precisely one of the options --to and --resume has to be given");
            return 1;
        }
        // loaded now: after the master's swap nothing more of this bundle can be
        UpgradeFollower follower = new UpgradeFollower(UpgradeFollower.localDir(), Upgrades.END, System.out);
        Upgrades.Start start;
        try {
            start = upgrades.upgrade(to, resume, line -> {
                System.out.println(line);
                System.out.flush();
            });
        } catch (GanetiException e) {
            org.garnet.shell.internal.format.Streams.err().println(e.getMessage());
            return 1;
        }
        if (start.masterSwap() == null) {
            return start.exitCode() == 0 ? null : start.exitCode();
        }
        int rc = follower.follow(start.masterSwap(), start.logOffset(), FOLLOW_MILLIS);
        return rc == 0 ? null : rc;
    }
}
