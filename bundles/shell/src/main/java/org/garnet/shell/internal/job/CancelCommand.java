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

/** {@code gnt-job cancel {--pending | --queued | --waiting | JOB-ID...}}: Ganeti prints each answer's message. */
@Service
@Command(scope = "gnt.job", name = "cancel", description = "Cancel jobs")
public class CancelCommand implements Action {
    @Reference
    JobQueue queue;

    @Option(name = "--force", aliases = "-f", description = "Force the operation")
    boolean force;
    @Option(name = "--pending", description = "Select jobs pending execution or being cancelled")
    boolean pending;
    @Option(name = "--queued", description = "Select queued jobs only")
    boolean queued;
    @Option(name = "--waiting", description = "Select waiting jobs only")
    boolean waiting;

    @Argument(name = "job-id", multiValued = true, description = "Jobs to cancel")
    List<String> ids;

    @Override
    public Object execute() {
        boolean bySelection = pending || queued || waiting;
        if (bySelection == (ids != null && !ids.isEmpty())) {
            throw GanetiException.prereq("Either a status filter or job ID(s) must be specified and never both",
                    ErrorCode.ECODE_INVAL);
        }
        if (bySelection) {
            List<Long> selected = JobIds.select(queue, pending, queued, waiting);
            if (selected.isEmpty()) {
                throw GanetiException.prereq("No jobs with the requested status have been found",
                        ErrorCode.ECODE_STATE);
            }
            if (!force) {
                JobIds.printTable(queue, selected);
                System.out.println("Cancel job(s) listed above? Not confirmed: give --force to act without asking.");
                return 2;
            }
        }
        List<Long> jobs = bySelection ? JobIds.select(queue, pending, queued, waiting) : JobIds.parse(ids);
        int failed = 0;
        for (long id : jobs) {
            CancelResult r = queue.cancel(id);
            System.out.println(r.message());
            if (!r.success()) {
                failed++;
            }
        }
        return failed == 0 ? null : 1;
    }
}
