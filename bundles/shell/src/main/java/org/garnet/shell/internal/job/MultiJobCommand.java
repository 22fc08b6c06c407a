package org.garnet.shell.internal.job;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.jobs.CancelResult;
import org.garnet.api.jobs.JobQueue;

/**
 * Ganeti's {@code _MultiJobAction}: act on the job ids given, or on the jobs a status filter ({@code --pending},
 * {@code --queued}, {@code --waiting}) selects — listed and, without {@code --force}, not acted on since there is
 * no terminal to confirm on; each answer's message is printed, any failure gives exit 1.
 */
abstract class MultiJobCommand implements Action {
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

    @Argument(name = "job-id", multiValued = true, description = "Job IDs")
    List<String> ids;

    /** {@code Cancel}, ...: how the confirmation names the action. */
    protected abstract String actionName();

    protected abstract CancelResult act(long id);

    @Override
    public Object execute() {
        boolean bySelection = pending || queued || waiting;
        if (bySelection == (ids != null && !ids.isEmpty())) {
            throw GanetiException.prereq("Either a status filter or job ID(s) must be specified and never both",
                    ErrorCode.ECODE_INVAL);
        }
        List<Long> jobs = bySelection ? JobIds.select(queue, pending, queued, waiting) : JobIds.parse(ids);
        if (bySelection) {
            if (jobs.isEmpty()) {
                throw GanetiException.prereq("No jobs with the requested status have been found",
                        ErrorCode.ECODE_STATE);
            }
            if (!force) {
                JobIds.printTable(queue, jobs);
                System.out.println(actionName() + " job(s) listed above? Not confirmed: give --force to act "
                        + "without asking.");
                return 2;
            }
        }
        int failed = 0;
        for (long id : jobs) {
            CancelResult r = act(id);
            System.out.println(r.message());
            if (!r.success()) {
                failed++;
            }
        }
        return failed == 0 ? null : 1;
    }
}
