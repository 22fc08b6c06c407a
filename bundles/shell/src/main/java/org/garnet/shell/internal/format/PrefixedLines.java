package org.garnet.shell.internal.format;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** An output stream that writes each line to a target with a prefix in front. */
final class PrefixedLines extends OutputStream {
    private final PrintStream target;
    private final byte[] prefix;
    private boolean atLineStart = true;

    PrefixedLines(PrintStream target, String prefix) {
        this.target = target;
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) {
        if (atLineStart) {
            target.write(prefix, 0, prefix.length);
            atLineStart = false;
        }
        target.write(b);
        if (b == '\n') {
            atLineStart = true;
        }
    }

    @Override
    public void flush() {
        target.flush();
    }
}
