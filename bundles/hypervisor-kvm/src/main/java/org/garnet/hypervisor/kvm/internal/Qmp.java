package org.garnet.hypervisor.kvm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A QMP connection to one qemu (its {@code -qmp unix:…,server,nowait} socket), over Jackson: no Java QMP client
 * is kept up on Maven Central (the libvirt and qemu projects ship theirs in C and Python), and the protocol is
 * one JSON object per line: the greeting, {@code qmp_capabilities}, then commands answered by {@code return} or
 * {@code error}, with asynchronous {@code event}s in between (kept, for callers waiting on one). Every read is
 * bounded by the connection's timeout.
 */
final class Qmp implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SocketChannel channel;
    private final BufferedReader in;
    private final OutputStream out;
    private final Duration timeout;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "garnet-qmp");
        t.setDaemon(true);
        return t;
    });
    private final List<JsonNode> events = new ArrayList<>();
    private Future<String> pending;

    private Qmp(SocketChannel channel, Duration timeout) {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        this.out = Channels.newOutputStream(channel);
        this.timeout = timeout;
    }

    /** Connects, reads the greeting and leaves capabilities negotiation mode. */
    static Qmp connect(Path socket, Duration timeout) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot connect to the QMP socket " + socket + ": " + e.getMessage(), e);
        }
        Qmp q = new Qmp(ch, timeout);
        try {
            JsonNode greeting = q.read();
            if (!greeting.has("QMP")) {
                throw new IOException("not a QMP greeting: " + greeting);
            }
            q.execute("qmp_capabilities", null);
            return q;
        } catch (IOException | RuntimeException e) {
            q.close();
            throw e;
        }
    }

    /** Runs {@code command} with {@code arguments} (null for none); answers its {@code return} value. */
    JsonNode execute(String command, Map<String, Object> arguments) throws IOException {
        ObjectNode cmd = JSON.createObjectNode().put("execute", command);
        if (arguments != null) {
            cmd.set("arguments", JSON.valueToTree(arguments));
        }
        out.write((JSON.writeValueAsString(cmd) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        while (true) {
            JsonNode reply = read();
            if (reply.has("event")) {
                events.add(reply);
                continue;
            }
            if (reply.has("error")) {
                JsonNode err = reply.get("error");
                throw new QmpError(command, err.path("class").asText(), err.path("desc").asText());
            }
            if (reply.has("return")) {
                return reply.get("return");
            }
        }
    }

    /** Waits for the event {@code name} (or finds it among those already seen); false when the wait ran out. */
    boolean awaitEvent(String name, Duration wait) throws IOException {
        long end = System.nanoTime() + wait.toNanos();
        while (true) {
            for (JsonNode e : events) {
                if (name.equals(e.path("event").asText())) {
                    return true;
                }
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            JsonNode next;
            try {
                next = read(Duration.ofNanos(left));
            } catch (QmpTimeout t) {
                return false;
            }
            if (next.has("event")) {
                events.add(next);
            }
        }
    }

    private JsonNode read() throws IOException {
        return read(timeout);
    }

    private JsonNode read(Duration wait) throws IOException {
        if (pending == null) { // a line asked for earlier and not yet come is still the next one
            pending = reader.submit(in::readLine);
        }
        String text;
        try {
            text = pending.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            pending = null;
        } catch (TimeoutException e) {
            throw new QmpTimeout("no answer from qemu's QMP socket within " + wait.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            pending = null;
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        if (text == null) {
            throw new IOException("qemu closed its QMP socket");
        }
        return JSON.readTree(text);
    }

    @Override
    public void close() {
        reader.shutdownNow();
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket whose peer is gone
        }
    }

    /** qemu refused a command: its error class and description. */
    static final class QmpError extends IOException {
        private final String errorClass;

        QmpError(String command, String errorClass, String desc) {
            super("QMP command " + command + " failed: " + desc + " (" + errorClass + ")");
            this.errorClass = errorClass;
        }

        String errorClass() {
            return errorClass;
        }
    }

    /** No answer in time. */
    static final class QmpTimeout extends IOException {
        QmpTimeout(String message) {
            super(message);
        }
    }
}
