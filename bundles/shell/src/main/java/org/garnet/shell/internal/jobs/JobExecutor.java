package org.garnet.shell.internal.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.garnet.api.GanetiException;
import org.garnet.api.jobs.JobQueue;
import org.garnet.shell.internal.format.Errors;
import org.garnet.shell.internal.format.Streams;

/**
 * Ganeti's {@code JobExecutor} ending: "Submitted jobs 1, 2", then per job "Waiting for job N[ for NAME] ...",
 * its log followed, and "Job N[ for NAME] has failed: …" on stderr for a failure. Returns how many failed.
 */
public final class JobExecutor {
    private JobExecutor() {
    }

    /** The job ids of a {@code {"jobs": [[true, id] | [false, message], …]}} result; a refused one is reported. */
    @SuppressWarnings("unchecked")
    public static List<Long> submitted(Object result, int[] refused) {
        List<Long> ids = new ArrayList<>();
        for (List<Object> j : (List<List<Object>>) ((Map<String, Object>) result).get("jobs")) {
            if (Boolean.TRUE.equals(j.get(0))) {
                ids.add(((Number) j.get(1)).longValue());
            } else {
                Streams.err().println("Failed to submit job: " + j.get(1));
                refused[0]++;
            }
        }
        return ids;
    }

    /** Follows the jobs a {@code {"jobs": …}} result names; returns how many failed or were refused. */
    public static int awaitResult(JobQueue queue, Object result) {
        int[] refused = {0};
        List<Long> ids = submitted(result, refused);
        return refused[0] + await(queue, ids, null);
    }

    /** Follows the jobs in order; {@code names} (or null) gives the name each job is for. */
    public static int await(JobQueue queue, List<Long> ids, List<String> names) {
        if (!ids.isEmpty()) {
            System.out.println("Submitted jobs " + String.join(", ", ids.stream().map(String::valueOf).toList()));
        }
        int bad = 0;
        for (int i = 0; i < ids.size(); i++) {
            String forName = names == null ? "" : " for " + names.get(i);
            System.out.println("Waiting for job " + ids.get(i) + forName + " ...");
            try {
                JobAction.follow(queue, ids.get(i));
            } catch (GanetiException e) {
                Streams.err().println("Job " + ids.get(i) + forName + " has failed: " + Errors.format(e).message());
                bad++;
            }
        }
        return bad;
    }
}
