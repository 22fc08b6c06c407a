package org.garnet.rapi.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.util.List;
import org.garnet.api.query.FieldDefinition;
import org.garnet.api.query.QueryResult;
import org.garnet.api.query.ResultCell;
import org.garnet.api.query.ResultStatus;

/**
 * A query result answered as Ganeti's bulk list ({@code [{"name": ..., "status": ...}, ...]}), written straight
 * from the result's cells to the JSON output: a bulk list of 10,000 instances builds no intermediate maps.
 * A cell without data is {@code null}, as Ganeti's RAPI answers it.
 */
record BulkRows(QueryResult result, java.util.Map<String, java.util.function.UnaryOperator<Object>> adjust)
        implements JsonSerializable {
    @Override
    public void serialize(JsonGenerator gen, SerializerProvider provider) throws IOException {
        List<FieldDefinition> fields = result.fields();
        gen.writeStartArray();
        for (List<ResultCell> row : result.rows()) {
            gen.writeStartObject();
            for (int i = 0; i < row.size(); i++) {
                gen.writeFieldName(fields.get(i).name());
                ResultCell c = row.get(i);
                if (c.status() == ResultStatus.NORMAL && c.value() != null) {
                    var f = adjust.get(fields.get(i).name());
                    write(f == null ? c.value() : f.apply(c.value()), gen, provider);
                } else {
                    gen.writeNull();
                }
            }
            gen.writeEndObject();
        }
        gen.writeEndArray();
    }

    /** The JSON types query cells hold, written directly; anything else through Jackson's serializers. */
    private static void write(Object v, JsonGenerator gen, SerializerProvider provider) throws IOException {
        if (v == null) {
            gen.writeNull();
        } else if (v instanceof String s) {
            gen.writeString(s);
        } else if (v instanceof Integer i) {
            gen.writeNumber(i);
        } else if (v instanceof Long l) {
            gen.writeNumber(l);
        } else if (v instanceof Double d) {
            WholeNumbers.write(d, gen);
        } else if (v instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (v instanceof List<?> list) {
            gen.writeStartArray();
            for (Object e : list) {
                write(e, gen, provider);
            }
            gen.writeEndArray();
        } else if (v instanceof java.util.Map<?, ?> map) {
            gen.writeStartObject();
            for (java.util.Map.Entry<?, ?> e : map.entrySet()) {
                gen.writeFieldName(String.valueOf(e.getKey()));
                write(e.getValue(), gen, provider);
            }
            gen.writeEndObject();
        } else {
            provider.defaultSerializeValue(v, gen);
        }
    }

    @Override
    public void serializeWithType(JsonGenerator gen, SerializerProvider provider, TypeSerializer typeSer)
            throws IOException {
        serialize(gen, provider);
    }
}
