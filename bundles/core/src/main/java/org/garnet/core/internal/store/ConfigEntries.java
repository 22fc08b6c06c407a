package org.garnet.core.internal.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/** The configuration's entries on the master candidates' log: the rows one change wrote, in order. */
final class ConfigEntries {
    /**
     * A row written ({@code data} is the object's JSON) or removed ({@code data} null); {@code serial} is the
     * object's serial number.
     */
    record Row(String kind, String uuid, String name, long serial, String data) {
    }

    /** One change: every object removed first when {@code clear}, then {@code rows} in order. */
    record Entry(boolean clear, List<Row> rows) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ConfigEntries() {
    }

    static byte[] encode(Entry e) {
        try {
            return MAPPER.writeValueAsBytes(e);
        } catch (IOException x) {
            throw new IllegalStateException("cannot encode a configuration change", x);
        }
    }

    static Entry decode(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, Entry.class);
        } catch (IOException x) {
            throw new IllegalStateException("a configuration entry of the log cannot be read: " + x.getMessage(), x);
        }
    }
}
