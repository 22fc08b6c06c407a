package org.garnet.rapi.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * The RAPI's JSON: numbers as Ganeti's encoder writes them (a whole floating-point value such as a ratio of
 * {@code 4.0} or a CPU speed of {@code 1.0} is written {@code 4}, {@code 1}), and strict reading (trailing data
 * after the value, {@code {}garbage}, is an error, as in Python's {@code json.loads}).
 */
final class WholeNumbers {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("whole-numbers").addSerializer(Double.class, new DoubleSerializer()))
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final double LONG_RANGE = 9.0e18;

    private WholeNumbers() {
    }

    static void write(double d, JsonGenerator gen) throws IOException {
        if (d == Math.rint(d) && Math.abs(d) < LONG_RANGE && !(d == 0 && 1 / d < 0)) {
            gen.writeNumber((long) d);
        } else {
            gen.writeNumber(d);
        }
    }

    private static final class DoubleSerializer extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            write(value, gen);
        }
    }
}
