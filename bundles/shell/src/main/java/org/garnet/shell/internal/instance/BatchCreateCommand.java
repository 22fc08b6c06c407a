package org.garnet.shell.internal.instance;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.GanetiException;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.format.Errors;
import org.garnet.shell.internal.format.Streams;
import org.garnet.shell.internal.jobs.JobAction;

/**
 * {@code gnt-instance batch-create [-I NAME] FILE}: FILE is a JSON list of {@code OP_INSTANCE_CREATE} parameter
 * dictionaries; submits one {@code OP_INSTANCE_MULTI_ALLOC} (which checks the definitions), then follows every
 * creation job it submitted, as Ganeti's {@code JobExecutor}, and says whether all of them succeeded (exit 1
 * otherwise).
 */
@Service
@Command(scope = "gnt.instance", name = "batch-create", description = "Create a bunch of instances based on "
        + "specs in the file")
public class BatchCreateCommand extends JobAction {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Reference
    JobQueue queue;

    @Option(name = "--iallocator", aliases = "-I", description = "Select nodes for the instances using this "
            + "iallocator plugin")
    String iallocator;

    @Argument(name = "instances_file.json", required = true, description = "JSON list of instance definitions")
    String file;

    @Override
    protected String tool() {
        return "gnt-instance";
    }

    @Override
    protected String command() {
        return "batch-create";
    }

    @Override
    public Object execute() {
        Object data;
        try {
            data = JSON.readValue(Files.readString(Path.of(file)), new TypeReference<Object>() { });
        } catch (NoSuchFileException e) {
            Streams.err().println("Can't parse the instance definition file: [Errno 2] No such file or directory: '"
                    + file + "'");
            return 1;
        } catch (IOException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage();
            Streams.err().println("Can't parse the instance definition file: " + why);
            return 1;
        }
        if (!(data instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
            Streams.err().println("The instance definition file is not a list of dictionaries");
            return 1;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("instances", list);
        if (iallocator != null) {
            p.put("iallocator", iallocator);
        }
        List<Object> results = runJob(queue, List.of(OpCode.of("OP_INSTANCE_MULTI_ALLOC", p)));
        if (results == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<List<Object>> jobs = (List<List<Object>>) ((Map<String, Object>) results.get(0)).get("jobs");
        List<Long> ids = new ArrayList<>();
        int bad = 0;
        for (List<Object> j : jobs) {
            if (Boolean.TRUE.equals(j.get(0))) {
                ids.add(((Number) j.get(1)).longValue());
            } else {
                Streams.err().println("Job submission failed: " + j.get(1));
                bad++;
            }
        }
        if (!ids.isEmpty()) {
            System.out.println("Submitted jobs " + String.join(", ", ids.stream().map(String::valueOf).toList()));
        }
        for (long id : ids) {
            System.out.println("Waiting for job " + id + " ...");
            try {
                follow(queue, id);
            } catch (GanetiException e) {
                Streams.err().println("Job " + id + " has failed: " + Errors.format(e).message());
                bad++;
            }
        }
        if (bad == 0) {
            System.out.println("All instances created successfully.");
            return null;
        }
        System.out.println("There were " + bad + " errors during the creation.");
        return 1;
    }
}
