package org.garnet.shell.internal;

import java.util.Arrays;
import org.apache.karaf.shell.api.console.CommandLine;

/** A command line without its first word ({@code gnt-cluster}), so a verb's completer sees its own line. */
final class ShiftedCommandLine implements CommandLine {
    private final CommandLine line;
    private final int offset;

    ShiftedCommandLine(CommandLine line) {
        this.line = line;
        String[] args = line.getArguments();
        int skip = args.length > 0 ? line.getBuffer().indexOf(args[0]) + args[0].length() : 0;
        while (skip < line.getBuffer().length() && line.getBuffer().charAt(skip) == ' ') {
            skip++;
        }
        this.offset = skip;
    }

    @Override
    public int getCursorArgumentIndex() {
        return line.getCursorArgumentIndex() - 1;
    }

    @Override
    public String getCursorArgument() {
        return line.getCursorArgument();
    }

    @Override
    public int getArgumentPosition() {
        return line.getArgumentPosition();
    }

    @Override
    public String[] getArguments() {
        String[] args = line.getArguments();
        return args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    }

    @Override
    public int getBufferPosition() {
        return Math.max(0, line.getBufferPosition() - offset);
    }

    @Override
    public String getBuffer() {
        return line.getBuffer().substring(Math.min(offset, line.getBuffer().length()));
    }
}
