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
import org.garnet.shell.internal.jobs.Priorities;

/** {@code gnt-job change-priority --priority low|normal|high {--pending | --queued | --waiting | JOB-ID...}}. */
@Service
@Command(scope = "gnt.job", name = "change-priority", description = "Change the priority of jobs")
public class ChangePriorityCommand implements Action {
    @Reference
    JobQueue queue;

    @Option(name = "--priority", required = true, description = "Priority for opcode processing (low|normal|high)")
    String priority;
    @Option(name = "--force", aliases = "-f", description = "Force the operation")
    boolean force;
    @Option(name = "--pending", description = "Select jobs pending execution or being cancelled")
    boolean pending;
    @Option(name = "--queued", description = "Select queued jobs only")
    boolean queued;
    @Option(name = "--waiting", description = "Select waiting jobs only")
    boolean waiting;

    @Argument(name = "job-id", multiValued = true, description = "Jobs to change")
    List<String> ids;

    @Override
    public Object execute() {
        int prio = Priorities.parse(priority);
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
                System.out.println("Change priority of job(s) listed above? Not confirmed: give --force to act without asking.");
                return 2;
            }
        }
        List<Long> jobs = bySelection ? JobIds.select(queue, pending, queued, waiting) : JobIds.parse(ids);
        int failed = 0;
        for (long id : jobs) {
            CancelResult r = queue.changePriority(id, prio);
            System.out.println(r.message());
            if (!r.success()) {
                failed++;
            }
        }
        return failed == 0 ? null : 1;
    }
}
