package org.garnet.shell.internal.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.query.FieldDefinition;
import org.garnet.api.query.FieldKind;
import org.garnet.api.query.QueryResult;
import org.garnet.api.query.QueryService;
import org.garnet.api.query.ResultCell;
import org.garnet.api.query.ResultStatus;
import org.garnet.shell.internal.format.FieldList;
import org.garnet.shell.internal.format.QueryLanguage;
import org.garnet.shell.internal.format.ListOutput;
import org.garnet.shell.internal.format.Streams;
import org.garnet.shell.internal.format.Table;
import org.garnet.shell.internal.format.Times;

/**
 * {@code gnt-job list [-o FIELDS] [--no-headers] [--separator S] [--pending|--running|--error|--finished]
 * [--archived] [-F FILTER | JOB-ID...]}: default fields {@code id,status,summary}; timestamps as Ganeti's
 * {@code FormatTimestamp}; archived jobs only with {@code --archived} or when named. With {@code -F} the one
 * argument is a query-language filter, combined with the status options as Ganeti combines them.
 */
@Service
@Command(scope = "gnt.job", name = "list", description = "Lists the jobs and their status")
public class ListCommand implements Action {
    private static final List<String> DEFAULTS = List.of("id", "status", "summary");
    private static final Set<String> TIMESTAMPS = Set.of("received_ts", "start_ts", "end_ts");

    @Reference
    QueryService query;
    @Reference
    JobQueue queue;

    @Option(name = "--output", aliases = "-o", description = "Comma separated list of output fields")
    String output;
    @Option(name = "--no-headers", description = "Don't display column headers")
    boolean noHeaders;
    @Option(name = "--separator", description = "Separator between output fields")
    String separator;
    @Option(name = "--verbose", aliases = "-v", description = "Increase the verbosity of the operation")
    boolean verbose;
    @Option(name = "--pending", description = "Select jobs pending execution or being cancelled")
    boolean pending;
    @Option(name = "--running", description = "Show jobs currently running only")
    boolean running;
    @Option(name = "--error", description = "Show failed jobs only")
    boolean error;
    @Option(name = "--finished", description = "Show finished jobs only")
    boolean finished;
    @Option(name = "--archived", description = "Include archived jobs in list (slow and expensive)")
    boolean archived;
    @Option(name = "--filter", aliases = "-F", description = "Treat the argument as a query filter expression")
    boolean filter;

    @Argument(name = "job-id", multiValued = true, description = "Jobs to list (all if none)")
    List<String> ids;

    @Override
    public Object execute() {
        List<String> fields = FieldList.parse(output, DEFAULTS);
        List<String> names = new ArrayList<>(ids == null ? List.of() : ids);
        boolean filtered = pending || running || error || finished;
        if (filter) {
            if (names.size() != 1) {
                throw GanetiException.prereq("Exactly one argument must be given as a filter", ErrorCode.ECODE_INVAL);
            }
            Object qfilter = QueryLanguage.parse(names.get(0));
            if (filtered) {
                List<Object> any = new ArrayList<>(List.of("|"));
                for (JobStatus s : JobStatus.values()) {
                    if (selected(s)) {
                        any.add(List.of("=", "status", s.name()));
                    }
                }
                qfilter = List.of("&", any, qfilter);
            }
            return print(query.query("job", fields, qfilter), fields);
        }
        if (names.isEmpty() && (filtered || archived)) {
            for (Job j : queue.list(List.of(), archived)) {
                if (!filtered || selected(j.status())) {
                    names.add(Long.toString(j.id()));
                }
            }
            if (names.isEmpty()) {
                return print(new QueryResult(query.fields("job", fields), List.of()), fields);
            }
        }
        return print(query.query("job", fields, names), fields);
    }

    private boolean selected(JobStatus s) {
        return pending && (s == JobStatus.queued || s == JobStatus.waiting || s == JobStatus.canceling)
                || running && s == JobStatus.running
                || error && s == JobStatus.error
                || finished && s.isFinalized();
    }

    private Integer print(QueryResult result, List<String> fields) {
        List<List<ResultCell>> rows = new ArrayList<>();
        for (List<ResultCell> row : result.rows()) {
            List<ResultCell> out = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                ResultCell c = row.get(i);
                out.add(TIMESTAMPS.contains(fields.get(i)) && c.status() == ResultStatus.NORMAL
                        ? ResultCell.of(Times.timestamp(c.value())) : c);
            }
            rows.add(out);
        }
        List<String> unknown = result.fields().stream().filter(f -> f.kind() == FieldKind.unknown)
                .map(FieldDefinition::name).toList();
        if (!unknown.isEmpty()) {
            Streams.err().println("Warning: Queried for unknown fields " + String.join(", ", unknown));
        }
        Table.format(Table.commaJoined(new QueryResult(result.fields(), rows), ListOutput.COMMA_JOINED.get("job")),
                null, separator, !noHeaders, verbose)
                .forEach(System.out::println);
        return unknown.isEmpty() ? null : ListOutput.EXIT_UNKNOWN_FIELD;
    }
}
