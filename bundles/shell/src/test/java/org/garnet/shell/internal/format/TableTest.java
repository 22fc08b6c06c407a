package org.garnet.shell.internal.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.garnet.api.query.FieldDefinition;
import org.garnet.api.query.FieldKind;
import org.garnet.api.query.QueryResult;
import org.garnet.api.query.ResultCell;
import org.garnet.api.query.ResultStatus;
import org.junit.jupiter.api.Test;

class TableTest {
    private final QueryResult result = new QueryResult(
            List.of(new FieldDefinition("name", "Node", FieldKind.text, ""),
                    new FieldDefinition("mtotal", "MTotal", FieldKind.unit, ""),
                    new FieldDefinition("master", "IsMaster", FieldKind.bool, ""),
                    new FieldDefinition("foo", "foo", FieldKind.unknown, "")),
            List.of(List.of(ResultCell.of("node1.example.com"), ResultCell.of(2048L), ResultCell.of(true),
                            new ResultCell(ResultStatus.UNKNOWN, null)),
                    List.of(ResultCell.of("n2"), new ResultCell(ResultStatus.NODATA, null), ResultCell.of(false),
                            new ResultCell(ResultStatus.UNKNOWN, null))));

    @Test
    void alignedColumnsUnitsRightAlignedLastColumnUnpadded() {
        assertEquals(List.of(
                "Node              MTotal IsMaster foo",
                "node1.example.com   2.0G Y        ??",
                "n2                     ? N        ??"), Table.format(result, null, null, true, false));
    }

    @Test
    void separatorMeansMebibytesAndNoPadding() {
        assertEquals(List.of("node1.example.com|2048|Y|??", "n2|?|N|??"),
                Table.format(result, null, "|", false, false));
    }

    @Test
    void verboseShowsStatusWords() {
        assertEquals("n2|no data|N|unknown field", Table.format(result, "m", "|", false, true).get(1));
    }
}
