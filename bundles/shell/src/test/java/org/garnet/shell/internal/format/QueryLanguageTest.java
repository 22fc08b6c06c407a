package org.garnet.shell.internal.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.junit.jupiter.api.Test;

class QueryLanguageTest {
    @Test
    void expressionsBecomeGanetisJsonFilters() {
        assertEquals(List.of("==", "name", "web1"), QueryLanguage.parse("name == \"web1\""));
        assertEquals(List.of("?", "admin_up"), QueryLanguage.parse("admin_up"));
        assertEquals(List.of("!", List.of("?", "admin_up")), QueryLanguage.parse("not admin_up"));
        assertEquals(List.of("&", List.of(">=", "be/maxmem", 512L), List.of("=~", "name", "(?i)^WEB")),
                QueryLanguage.parse("be/maxmem >= 512 and name =~ /^WEB/i"));
        assertEquals(List.of("|", List.of("=[]", "tags", "prod"), List.of("!", List.of("=~", "os", "deb"))),
                QueryLanguage.parse("'prod' in tags or os !~ /deb/"));
        assertEquals(List.of("&", List.of("?", "a"), List.of("|", List.of("?", "b"), List.of("?", "c"))),
                QueryLanguage.parse("a and (b or c)"));
        assertEquals(List.of("!", List.of("=[]", "tags", "x")), QueryLanguage.parse("\"x\" not in tags"));
        assertEquals(List.of("<", "pinst_cnt", -1L), QueryLanguage.parse("pinst_cnt < -1"));
    }

    @Test
    void malformedExpressionsAreInvalid() {
        for (String bad : List.of("name ==", "(a", "name =~ web", "\"x\" tags", "a and", "1abc", "name == 'x")) {
            GanetiException e = assertThrows(GanetiException.class, () -> QueryLanguage.parse(bad), bad);
            assertEquals(ErrorCode.ECODE_INVAL, e.code());
            assertTrue(e.getMessage().startsWith("Failed to parse query filter '" + bad + "'"), e.getMessage());
        }
    }
}
