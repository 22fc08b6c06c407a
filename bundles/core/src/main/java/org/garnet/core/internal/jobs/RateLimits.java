package org.garnet.core.internal.jobs;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.garnet.api.ReasonEntry;
import org.garnet.api.jobs.OpCode;

/**
 * Ganeti's ad-hoc rate limiting: a reason {@code rate-limit:<n>:<label>} anywhere in a job's reason trails puts
 * the job in bucket {@code "<n>:<label>"}; at most n jobs of a bucket run at once.
 */
final class RateLimits {
    private static final Pattern RATE_LIMIT = Pattern.compile("^rate-limit:([1-9][0-9]*):(.*)$", Pattern.DOTALL);

    private RateLimits() {
    }

    static Set<String> buckets(List<OpCode> ops) {
        Set<String> out = new LinkedHashSet<>();
        for (OpCode op : ops) {
            for (ReasonEntry r : op.reason()) {
                Matcher m = RATE_LIMIT.matcher(r.reason());
                if (m.matches()) {
                    out.add(m.group(1) + ":" + m.group(2));
                }
            }
        }
        return Set.copyOf(out);
    }

    /** The limit of a bucket ({@code "7:operation pink bunny"} → 7). */
    static int limit(String bucket) {
        return Integer.parseInt(bucket.substring(0, bucket.indexOf(':')));
    }
}
