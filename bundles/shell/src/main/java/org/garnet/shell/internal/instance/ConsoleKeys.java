package org.garnet.shell.internal.instance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import org.apache.karaf.shell.api.console.Session;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;

/**
 * A console's keyboard: what its user types, sent to the guest as it comes (a thread of its own), until Ctrl-]
 * ({@code 0x1d}, Ganeti's socat escape) ends the console or the input ends. On the shell's terminal (the
 * appliance's interactive SSH shell) the terminal is in raw mode for the while (no local echo: the guest echoes)
 * and Ctrl-C goes to the guest instead of interrupting the command; an exec channel's bytes
 * ({@code ./garnet gnt-instance console}) are raw already.
 */
final class ConsoleKeys {
    static final byte ESCAPE = 0x1d;
    private static final long POLL_MS = 100;
    private final Consumer<byte[]> guest;
    private final Runnable onEscape;
    private volatile Thread reader;
    private volatile boolean stopped;
    private volatile boolean escaped;

    private ConsoleKeys(Consumer<byte[]> guest, Runnable onEscape) {
        this.guest = guest;
        this.onEscape = onEscape;
    }

    /** Starts sending the keys of {@code session} to {@code guest}; {@code onEscape} runs on Ctrl-]. */
    static ConsoleKeys start(Session session, Consumer<byte[]> guest, Runnable onEscape) {
        ConsoleKeys keys = new ConsoleKeys(guest, onEscape);
        Object terminal = session == null ? null : session.get(".jline.terminal");
        if (terminal instanceof Terminal t) {
            keys.run(() -> keys.read(t));
        } else if (session != null && session.getKeyboard() != null) {
            keys.run(() -> keys.read(session.getKeyboard()));
        }
        return keys;
    }

    private void run(Runnable loop) {
        Thread t = new Thread(loop, "garnet-console-keys");
        t.setDaemon(true);
        reader = t;
        t.start();
    }

    private void read(Terminal terminal) {
        Attributes before = terminal.enterRawMode();
        Terminal.SignalHandler interrupt = terminal.handle(Terminal.Signal.INT, s -> send(new byte[] {3}, 1));
        try {
            NonBlockingReader r = terminal.reader();
            StringBuilder typed = new StringBuilder();
            while (!stopped) {
                int c = r.read(POLL_MS);
                if (c == NonBlockingReader.EOF) {
                    return;
                }
                if (c == NonBlockingReader.READ_EXPIRED) {
                    continue;
                }
                typed.setLength(0);
                typed.append((char) c);
                while (r.available() > 0 && (c = r.read(1)) >= 0) {
                    typed.append((char) c);
                }
                byte[] bytes = typed.toString().getBytes(StandardCharsets.UTF_8);
                if (!send(bytes, bytes.length)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the session went away
        } finally {
            terminal.handle(Terminal.Signal.INT, interrupt);
            terminal.setAttributes(before);
        }
    }

    private void read(InputStream in) {
        byte[] buf = new byte[1024];
        try {
            int n;
            while (!stopped && (n = in.read(buf)) > 0) {
                if (!send(buf, n)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the input ended
        }
    }

    /** Sends the first {@code n} bytes of {@code buf} up to an escape; false once no more should be sent. */
    private boolean send(byte[] buf, int n) {
        int end = 0;
        while (end < n && buf[end] != ESCAPE) {
            end++;
        }
        if (end > 0) {
            try {
                guest.accept(Arrays.copyOf(buf, end));
            } catch (RuntimeException e) {
                return false; // the guest's console is gone: the output side says why
            }
        }
        if (end < n) {
            escaped = true;
            stopped = true;
            onEscape.run();
            return false;
        }
        return true;
    }

    /** Whether the user ended the console with Ctrl-]. */
    boolean escaped() {
        return escaped;
    }

    /** Stops sending (the console ended); a terminal gets its modes back (bounded wait for the reader). */
    void stop() {
        stopped = true;
        Thread t = reader;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(POLL_MS * 3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
