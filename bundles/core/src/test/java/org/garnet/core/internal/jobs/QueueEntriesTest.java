package org.garnet.core.internal.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueEntriesTest {
    private static final QueueEntries.Entry ENTRY = new QueueEntries.Entry(true, List.of(
            new QueueEntries.Row(7, false, true, 1765000000.123456, "{\"id\": 7, \"ops\": [\"été \\\"q\\\"\"]}"),
            new QueueEntries.Row(8, true, false, null, "{}")), List.of(3L, 4L));

    @Test
    void anEntryReadsBackAsItWasWritten() {
        assertEquals(ENTRY, QueueEntries.decode(QueueEntries.encode(ENTRY)));
        QueueEntries.Entry empty = new QueueEntries.Entry(false, List.of(), List.of());
        assertEquals(empty, QueueEntries.decode(QueueEntries.encode(empty)));
    }

    @Test
    void anEntryWrittenAsJsonByAnEarlierVersionStillReads() throws Exception {
        assertEquals(ENTRY, QueueEntries.decode(new ObjectMapper().writeValueAsBytes(ENTRY)));
    }

    @Test
    void aCutEntryIsRefusedWithAClearError() {
        byte[] whole = QueueEntries.encode(ENTRY);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> QueueEntries.decode(Arrays.copyOf(whole, whole.length - 5)));
        assertEquals(true, e.getMessage().startsWith("a job queue entry of the log cannot be read"));
    }
}
