package org.garnet.htools.jobs;

import java.util.List;
import java.util.Map;
import org.garnet.htools.model.HtoolsException;

/**
 * Where {@code hbal -X} and {@code hsqueeze -X} send their jobs (Ganeti: the master's LUXI socket): the
 * appliance's job queue when the tool runs in its shell, else its RAPI ({@link RapiJobSink}).
 */
public interface JobSink {
    /** Submits one job of these opcodes (Ganeti's JSON form, {@code OP_ID} and parameters); returns its id. */
    long submit(List<Map<String, Object>> opcodes) throws HtoolsException;

    /** Waits until the job is final; returns its status ({@code success}, {@code error}, {@code canceled}). */
    String awaitFinal(long id) throws HtoolsException;
}
