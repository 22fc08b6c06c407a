package org.garnet.core.internal.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.query.ResultCell;
import org.garnet.api.query.ResultStatus;
import org.junit.jupiter.api.Test;

class QueryFilterTest {
    private static final Set<String> FIELDS = Set.of("name", "admin_up", "be/maxmem", "tags", "oper_ram");
    private static final Map<String, ResultCell> WEB1 = Map.of("name", ResultCell.of("web1.example.com"),
            "admin_up", ResultCell.of(true), "be/maxmem", ResultCell.of(512), "tags", ResultCell.of(List.of("a", "b")),
            "oper_ram", new ResultCell(ResultStatus.NODATA, null));

    private static boolean test(Object filter) {
        Function<String, ResultCell> row = WEB1::get;
        return QueryFilter.compile(filter, FIELDS).test(row);
    }

    @Test
    void operatorsSelectAsGanetiDoes() {
        assertTrue(test(null));
        assertTrue(test(List.of()));
        assertTrue(test(List.of("=", "name", "web1.example.com")));
        assertTrue(test(List.of("==", "name", "web1.example.com")));
        assertFalse(test(List.of("!=", "name", "web1.example.com")));
        assertTrue(test(List.of("&", List.of("?", "admin_up"), List.of(">=", "be/maxmem", 512))));
        assertFalse(test(List.of("&", List.of("?", "admin_up"), List.of(">", "be/maxmem", 512))));
        assertTrue(test(List.of("|", List.of("<", "be/maxmem", 128), List.of("=~", "name", "^web\\d"))));
        assertTrue(test(List.of("!", List.of("=[]", "tags", "c"))));
        assertTrue(test(List.of("=[]", "tags", "b")));
        assertTrue(test(List.of("<=", "name", "x")));
    }

    @Test
    void aCellWithoutDataAcceptsTheRow() {
        assertTrue(test(List.of("=", "oper_ram", 1)));
        assertTrue(test(List.of("!=", "oper_ram", 1)));
    }

    @Test
    void badFiltersAreInvalidWithGanetisMessages() {
        assertEquals("Can't find field named 'nosuch'", invalid(List.of("=", "nosuch", 1)));
        assertTrue(invalid(List.of("~~", "name", 1)).contains("unknown operator '~~'"));
        assertTrue(invalid(List.of("=", "name")).contains("takes 2 argument(s)"));
        assertTrue(invalid("name").startsWith("Invalid filter"));
        assertTrue(invalid(List.of("=", "name", 1)).startsWith("Invalid types in comparison"));
        assertTrue(invalid(List.of("?", "name")).startsWith("Unexpected value 'web1.example.com'"));
        assertTrue(invalid(List.of("=~", "name", "(")).startsWith("Invalid regular expression"));
    }

    private static String invalid(Object filter) {
        GanetiException e = assertThrows(GanetiException.class, () -> test(filter));
        assertEquals(ErrorCode.ECODE_INVAL, e.code());
        return e.getMessage();
    }
}
