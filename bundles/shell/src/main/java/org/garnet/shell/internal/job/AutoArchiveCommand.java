package org.garnet.shell.internal.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.jobs.CancelResult;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.JobStatus;
import org.garnet.shell.internal.format.Streams;
import java.time.Duration;

/**
 * {@code gnt-job autoarchive AGE}: archives jobs finished more than AGE ago ({@code all}, or a number with an
 * optional unit s/m/h/d/w as Ganeti's {@code ParseTimespec}); prints how many were archived.
 */
@Service
@Command(scope = "gnt.job", name = "autoarchive", description = "Auto archive jobs older than the given age")
public class AutoArchiveCommand implements Action {
    @Reference
    JobQueue queue;

    @Argument(name = "age", required = true, description = "Age (all, or e.g. 3600, 1h, 2d)")
    String age;

    @Override
    public Object execute() {
        Duration d = age.equals("all") ? Duration.ZERO : Duration.ofSeconds(timespec(age));
        long[] r = queue.autoArchive(d, Duration.ofSeconds(60));
        System.out.println("Archived " + r[0] + " jobs, " + r[1] + " unchecked left");
        return null;
    }

    static long timespec(String s) {
        if (s.isEmpty()) {
            throw GanetiException.prereq("Empty time specification passed", ErrorCode.ECODE_INVAL);
        }
        long mult = switch (s.charAt(s.length() - 1)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86400;
            case 'w' -> 604800;
            default -> 0;
        };
        String num = mult == 0 ? s : s.substring(0, s.length() - 1);
        try {
            return Long.parseLong(num) * (mult == 0 ? 1 : mult);
        } catch (NumberFormatException e) {
            throw GanetiException.prereq("Invalid time specification '" + s + "'", ErrorCode.ECODE_INVAL);
        }
    }
}
