package org.garnet.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.garnet.shell.internal.debug.DelayCommand;
import org.garnet.shell.internal.job.ListCommand;
import org.junit.jupiter.api.Test;

class OptionOrderTest {
    @Test
    void optionsAfterArgumentsMoveInFrontWithTheirValues() {
        assertEquals(List.of("-o", "id,status", "--no-headers", "5", "7"),
                OptionOrder.optionsFirst(ListCommand.class, List.of("5", "-o", "id,status", "7", "--no-headers")));
        assertEquals(List.of("--separator=:", "5"),
                OptionOrder.optionsFirst(ListCommand.class, List.of("5", "--separator=:")));
    }

    @Test
    void inheritedOptionsAndUnknownDashTokensAreHandled() {
        assertEquals(List.of("--submit", "--priority", "high", "-r", "2", "3"),
                OptionOrder.optionsFirst(DelayCommand.class, List.of("3", "--submit", "--priority", "high", "-r", "2")));
        assertEquals(List.of("-1"), OptionOrder.optionsFirst(DelayCommand.class, List.of("-1")),
                "a token that is no declared option stays a positional argument");
    }
}
