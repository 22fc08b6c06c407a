package org.garnet.shell.internal.jobs;

import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.jobs.OpCode;

/** Ganeti's {@code --priority low|normal|high}. */
public final class Priorities {
    private Priorities() {
    }

    public static int parse(String name) {
        if (name == null) {
            return OpCode.PRIORITY_NORMAL;
        }
        return switch (name) {
            case "low" -> OpCode.PRIORITY_LOW;
            case "normal" -> OpCode.PRIORITY_NORMAL;
            case "high" -> OpCode.PRIORITY_HIGH;
            default -> throw GanetiException.prereq("Unknown priority '" + name + "', use low, normal or high",
                    ErrorCode.ECODE_INVAL);
        };
    }
}
