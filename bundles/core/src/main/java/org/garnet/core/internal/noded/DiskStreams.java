package org.garnet.core.internal.noded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.HttpsURLConnection;
import org.garnet.api.GanetiException;
import org.garnet.core.internal.Json;
import org.garnet.core.internal.node.NodeCrypto;

/**
 * Disk data from node to node (Ganeti's import/export daemons, on the node daemons' TLS instead of socat): the
 * receiving node expects an import ({@link #expect}) for a local file and one sending node's certificate, under
 * an id nobody can guess; the sending node reads its file, compresses it as asked and posts it to
 * {@code https://<receiver>:<node daemon port>/import/<id>} with its own cluster certificate; the receiver
 * decompresses, writes (leaving zero blocks unwritten, so a fresh sparse file stays sparse), fsyncs and answers
 * how much it wrote. An import is used once; one not started within {@value #EXPIRY_MINUTES} minutes expires.
 */
public final class DiskStreams {
    static final int EXPIRY_MINUTES = 30;
    private static final int BLOCK = 1 << 20;
    private static final long FLUSH_EVERY = 64L << 20;
    private static final int CONNECT_MILLIS = 5_000;
    /** How long the sender waits for the receiver's answer after the last byte (its fsync). */
    private static final int ANSWER_MILLIS = 600_000;
    private static final ObjectMapper JSON = Json.mapper();

    /** Where a stream goes: to the node at {@code host}, for its import {@code id}; answers the receiver's reply. */
    @FunctionalInterface
    public interface Sender {
        Map<String, Object> send(String host, String id, Body body) throws IOException;
    }

    /** Writes the (compressed) stream. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Where received data goes: answers the bytes written; {@link #toString} names it in errors. */
    public interface Sink {
        long write(InputStream in) throws IOException;
    }

    /** Where sent data comes from: writes it all and answers its bytes. */
    public interface Source {
        long copyTo(OutputStream out) throws IOException;
    }

    private record Pending(Sink sink, String compress, String peer, Instant made) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** Why recent imports failed here, for the master asking after its sender failed. */
    private final Map<String, String> failures = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > 64;
                }
            });
    private final NodeCrypto crypto;
    private volatile int port;
    private volatile Sender sender = this::overHttps;

    DiskStreams(Path dataRoot) {
        this.crypto = new NodeCrypto(dataRoot);
    }

    /** The node daemon port, the same on every node of the cluster. */
    void port(int p) {
        this.port = p;
    }

    /** Replaces how streams leave this node (tests of the logical units, which have no node daemons). */
    public void sender(Sender s) {
        this.sender = s;
    }

    /** Registers an import into the disk at {@code file} from the node whose certificate has {@code peerDigest}. */
    String expect(Path file, String compress, String peerDigest) {
        return expect(diskSink(file), compress, peerDigest);
    }

    /** Registers an import into {@code sink} from the node whose certificate has {@code peerDigest}. */
    String expect(Sink sink, String compress, String peerDigest) {
        Compression.command(compress == null ? "none" : compress, true);
        Instant now = Instant.now();
        pending.values().removeIf(p -> p.made().isBefore(now.minus(Duration.ofMinutes(EXPIRY_MINUTES))));
        String id = UUID.randomUUID().toString();
        pending.put(id, new Pending(sink, compress, peerDigest, now));
        return id;
    }

    /**
     * An instance disk: written in place, never beyond its size, zero blocks left unwritten (a fresh sparse file
     * stays sparse), fsync'd.
     */
    static Sink diskSink(Path file) {
        return new Sink() {
            @Override
            public long write(InputStream in) throws IOException {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    return copySparse(in, ch, ch.size(), "The stream for " + file + " is larger than the disk ("
                            + ch.size() + " bytes)");
                }
            }

            @Override
            public String toString() {
                return file.toString();
            }
        };
    }

    /** A new file (an export's dump): made with its directory, as sparse as the data, fsync'd. */
    static Sink fileSink(Path file) {
        return new Sink() {
            @Override
            public long write(InputStream in) throws IOException {
                java.nio.file.Files.createDirectories(file.getParent());
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    long n = copySparse(in, ch, Long.MAX_VALUE, null);
                    if (ch.size() < n) { // trailing zero blocks: the file still has the stream's length
                        ch.write(ByteBuffer.allocate(1), n - 1);
                    }
                    ch.force(true);
                    return n;
                }
            }

            @Override
            public String toString() {
                return file.toString();
            }
        };
    }

    /** A file read from its start. */
    static Source fileSource(Path file) {
        return out -> {
            long n = 0;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer buf = ByteBuffer.allocate(BLOCK);
                while (ch.read(buf.clear()) > 0) {
                    out.write(buf.array(), 0, buf.position());
                    n += buf.position();
                }
            }
            return n;
        };
    }

    /**
     * Copies {@code in} to {@code ch} from offset 0, skipping zero blocks; fsyncs; refuses more than limit. While
     * data comes in, what has been written is flushed to the disk in the background every {@value #FLUSH_EVERY}
     * bytes, so the disk writes while the network delivers instead of all at the final fsync (1 GiB took 0.8 to
     * 3.7 s to reach this machine's disk).
     */
    private static long copySparse(InputStream in, FileChannel ch, long limit, String tooLarge) throws IOException {
        long written = 0;
        long unflushed = 0;
        byte[] block = new byte[BLOCK];
        byte[] zeros = new byte[BLOCK];
        ExecutorService flusher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "garnet-disk-flush");
            t.setDaemon(true);
            return t;
        });
        Future<?> flushing = CompletableFuture.completedFuture(null);
        try {
            while (true) {
                int n = in.readNBytes(block, 0, BLOCK);
                if (n <= 0) {
                    break;
                }
                if (written + n > limit) {
                    throw GanetiException.exec(tooLarge);
                }
                if (Arrays.mismatch(block, 0, n, zeros, 0, n) >= 0) {
                    ch.write(ByteBuffer.wrap(block, 0, n), written);
                    unflushed += n;
                }
                written += n;
                if (unflushed >= FLUSH_EVERY && flushing.isDone()) {
                    done(flushing);
                    flushing = flusher.submit(() -> {
                        ch.force(false);
                        return null;
                    });
                    unflushed = 0;
                }
            }
            done(flushing);
            ch.force(true);
            return written;
        } finally {
            flusher.shutdown(); // never interrupted: an interrupt would close the channel under the writer
            awaitQuietly(flusher);
        }
    }

    /** Waits for a background flush, failing as it failed. */
    private static void done(Future<?> flush) throws IOException {
        try {
            flush.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private static void awaitQuietly(ExecutorService flusher) {
        try {
            flusher.awaitTermination(ANSWER_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether a node with this certificate digest has an import waiting for it here. */
    boolean expects(String digest) {
        return digest != null && pending.values().stream().anyMatch(p -> digest.equals(p.peer()));
    }

    /** Drops an import that will not come (its sender failed); answers why it failed here, if it did. */
    String cancel(String id) {
        pending.remove(id);
        return failures.remove(id);
    }

    /** Receives import {@code id} from the caller with certificate {@code digest}; answers what was written. */
    public Map<String, Object> receive(String id, String digest, InputStream body) {
        Pending p = pending.remove(id);
        if (p == null) {
            failures.put(id, "No import '" + id + "' is expected on this node (unknown, used or expired)");
            throw GanetiException.exec(failures.get(id));
        }
        if (p.peer() != null && !p.peer().equals(digest)) {
            failures.put(id, "Import '" + id + "' is expected from another node");
            throw GanetiException.exec(failures.get(id));
        }
        long written;
        try (InputStream in = Compression.decompressing(p.compress(), body)) {
            written = p.sink().write(in);
        } catch (IOException e) {
            failures.put(id, "Receiving data into " + p.sink() + " failed: " + e.getMessage());
            throw GanetiException.exec(failures.get(id));
        } catch (GanetiException e) {
            failures.put(id, e.getMessage());
            throw e;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bytes", written);
        return out;
    }

    /** Sends {@code file}, compressed with {@code compress}, to import {@code id} on the node at {@code host}. */
    Map<String, Object> send(Path file, String compress, String host, String id) {
        return send(fileSource(file), file.toString(), compress, host, id);
    }

    /** Sends what {@code source} gives, compressed with {@code compress}, to import {@code id} at {@code host}. */
    Map<String, Object> send(Source source, String what, String compress, String host, String id) {
        long t0 = System.nanoTime();
        long[] wire = {0};
        Map<String, Object> reply;
        try {
            reply = sender.send(host, id, out -> {
                OutputStream counted = new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        this.out.write(b, off, len);
                        wire[0] += len;
                    }
                };
                try (OutputStream z = Compression.compressing(compress, counted)) {
                    source.copyTo(z);
                }
            });
        } catch (IOException e) {
            throw GanetiException.exec("Sending " + what + " to " + host + " failed: " + e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>(reply);
        out.put("sent", wire[0]);
        out.put("seconds", (System.nanoTime() - t0) / 1e9);
        return out;
    }

    /** What the receiver said when it stopped reading, if it said anything. */
    private static String answer(HttpsURLConnection c) {
        try (InputStream in = c.getErrorStream() != null ? c.getErrorStream() : c.getInputStream()) {
            JsonNode reply = JSON.readTree(in);
            return reply != null && reply.isArray() && reply.size() > 1 ? " (the receiver: " + reply.get(1).asText()
                    + ")" : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The stream as an HTTPS post to the receiving node's daemon, with this node's certificate. */
    private Map<String, Object> overHttps(String host, String id, Body body) throws IOException {
        String h = host.contains(":") ? "[" + host + "]" : host;
        HttpsURLConnection c = (HttpsURLConnection) URI.create("https://" + h + ":" + port + "/import/" + id)
                .toURL().openConnection();
        c.setSSLSocketFactory(crypto.clientContext().getSocketFactory());
        c.setConnectTimeout(CONNECT_MILLIS);
        c.setReadTimeout(ANSWER_MILLIS);
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setChunkedStreamingMode(BLOCK);
        c.setRequestProperty("Content-Type", "application/octet-stream");
        // a receiver that refuses at once (an unknown import) answers before any data goes
        c.setRequestProperty("Expect", "100-continue");
        try {
            try (OutputStream out = c.getOutputStream()) {
                body.writeTo(out);
            } catch (IOException e) {
                throw new IOException(e.getMessage() + answer(c), e);
            }
            JsonNode reply;
            try (InputStream in = c.getResponseCode() >= 400 && c.getErrorStream() != null ? c.getErrorStream()
                    : c.getInputStream()) {
                reply = JSON.readTree(in);
            }
            if (reply == null || !reply.isArray() || reply.size() < 2) {
                throw new IOException("the receiver answered HTTP " + c.getResponseCode() + " without a result");
            }
            if (!reply.get(0).asBoolean()) {
                throw new IOException(reply.get(1).asText());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> result = JSON.convertValue(reply.get(1), Map.class);
            return result;
        } finally {
            c.disconnect();
        }
    }
}
