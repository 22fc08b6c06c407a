package org.garnet.shell.internal.cluster;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ClusterService;
import org.garnet.shell.internal.format.Times;

/** {@code gnt-cluster watcher {pause <timespec>|continue|info}} (Ganeti's WatcherOps and ParseTimespec). */
@Service
@Command(scope = "gnt.cluster", name = "watcher", description = "Change watcher properties")
public class WatcherCommand implements Action {
    @Reference
    ClusterService cluster;

    @Option(name = "--reason", description = "The reason for executing the command")
    String reason;
    @Option(name = "--debug", aliases = "-d", description = "Increase debugging level")
    boolean debug;

    @Argument(index = 0, name = "command", required = true, description = "pause, continue or info")
    String command;
    @Argument(index = 1, name = "timespec", description = "How long to pause: N[s|m|h|d|w]")
    String timespec;

    @Override
    public Object execute() {
        cluster.requireMaster();
        switch (command) {
            case "continue" -> {
                cluster.watcherPause(null);
                System.out.println("The watcher is no longer paused.");
            }
            case "pause" -> {
                if (timespec == null) {
                    throw GanetiException.prereq("Missing pause duration", ErrorCode.ECODE_INVAL);
                }
                show(cluster.watcherPause(System.currentTimeMillis() / 1000.0 + seconds(timespec)));
            }
            case "info" -> show(cluster.cluster().watcherPause());
            default -> throw GanetiException.prereq("Command '" + command + "' is not valid.", ErrorCode.ECODE_INVAL);
        }
        return null;
    }

    private static void show(Double until) {
        if (until == null || until < System.currentTimeMillis() / 1000.0) {
            System.out.println("The watcher is not paused.");
        } else {
            System.out.println("The watcher is paused until " + Times.ctime(until) + ".");
        }
    }

    /** Ganeti's ParseTimespec: seconds, or a number with s, m, h, d or w. */
    static long seconds(String value) {
        if (value.isEmpty()) {
            throw GanetiException.prereq("Empty time specification passed", ErrorCode.ECODE_INVAL);
        }
        char last = value.charAt(value.length() - 1);
        long mult = switch (last) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86400;
            case 'w' -> 604800;
            default -> 0;
        };
        String digits = mult == 0 ? value : value.substring(0, value.length() - 1);
        if (mult != 0 && digits.isEmpty()) {
            throw GanetiException.prereq("Invalid time specification (only suffix passed)", ErrorCode.ECODE_INVAL);
        }
        try {
            return Long.parseLong(digits.strip()) * (mult == 0 ? 1 : mult);
        } catch (NumberFormatException e) {
            throw GanetiException.prereq("Invalid time specification '" + digits + "'", ErrorCode.ECODE_INVAL);
        }
    }
}
