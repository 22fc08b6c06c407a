package org.garnet.shell.internal.debug;

import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.jobs.JobAction;

/** {@code gnt-debug delay [--no-master] [-n NODE]... [-r N] [-i] [-l] [job options] DURATION}. */
@Service
@Command(scope = "gnt.debug", name = "delay", description = "Executes a TestDelay OpCode")
public class DelayCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Option(name = "--no-master", description = "Do not sleep in the master code")
    boolean noMaster;
    @Option(name = "-n", multiValued = true, description = "Select nodes to sleep on")
    List<String> nodes;
    @Option(name = "--repeat", aliases = "-r", description = "Number of times to repeat the sleep")
    int repeat;
    @Option(name = "--interruptible", aliases = "-i", description = "Allows the opcode to be interrupted")
    boolean interruptible;
    @Option(name = "--no-locks", aliases = "-l", description = "Don't take locks while performing the delay")
    boolean noLocks;

    @Argument(name = "duration", required = true, description = "Seconds to sleep")
    String duration;

    @Override
    protected String tool() {
        return "gnt-debug";
    }

    @Override
    protected String command() {
        return "delay";
    }

    @Override
    public Object execute() {
        double seconds;
        try {
            seconds = Double.parseDouble(duration);
        } catch (NumberFormatException e) {
            throw GanetiException.prereq("Invalid duration '" + duration + "'", ErrorCode.ECODE_INVAL);
        }
        OpCode op = OpCode.of("OP_TEST_DELAY", Map.of("duration", seconds, "on_master", !noMaster,
                "on_nodes", nodes == null ? List.of() : nodes, "repeat", repeat, "interruptible", interruptible,
                "no_locks", noLocks));
        runJob(queue, List.of(op));
        return null;
    }
}
