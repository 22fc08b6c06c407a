package org.garnet.rapi.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Encoded bulk answers kept while the data behind them is unchanged (the query service's version token is
 * equal): listing 10,000 instances again answers the same bytes without querying or encoding anything. One
 * entry per resource and field list; a different token replaces it.
 */
final class EncodedAnswers {
    /** JSON already encoded, sent as it is. */
    record Raw(byte[] json) {
    }

    private record Entry(Object version, byte[] json) {
    }

    private static final ObjectMapper JSON = WholeNumbers.MAPPER;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** The answer for this key at this version: the stored bytes, or {@code answer} encoded and stored. */
    Raw get(String resource, List<String> fields, Object version, Supplier<Object> answer) {
        String key = resource + ":" + String.join(",", fields);
        Entry e = entries.get(key);
        if (e != null && e.version().equals(version)) {
            return new Raw(e.json());
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(answer.get());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot encode the " + resource + " list: " + ex.getMessage(), ex);
        }
        entries.put(key, new Entry(version, json));
        return new Raw(json);
    }
}
