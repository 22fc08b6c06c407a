package org.garnet.core.internal.noded;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The serial consoles this node serves: one reader per guest console socket, kept connected for as long as the
 * guest runs, fanning its output out to every console open on it: qemu serves one client of a serial socket at a
 * time, and this lets several consoles watch one guest. A console shows what the guest prints from the moment it
 * opens, as Ganeti's does.
 */
final class ConsolePumps {
    private static final int QUEUE = 1024;
    private final Map<String, Pump> pumps = new ConcurrentHashMap<>();

    /** A console open on a guest: what comes (an empty chunk: the guest's end). */
    record Subscription(BlockingQueue<byte[]> chunks, Runnable close) {
    }

    /** Opens a console on the guest whose serial socket is {@code socket} (named {@code key}). */
    Subscription subscribe(String key, Path socket) throws IOException {
        return pump(key, socket).subscribe();
    }

    /**
     * Types {@code input} into the guest's serial console (what every console open on it typed, in the order it
     * came: the guest has one serial line).
     */
    void write(String key, Path socket, byte[] input) throws IOException {
        pump(key, socket).write(input);
    }

    /**
     * Lets go of every guest's socket (this node's daemon stops: the next one, of this core or of another release
     * swapped in, connects anew; qemu serves one client of a serial socket, so a reader left behind would keep
     * every later console silent for as long as the guest runs).
     */
    void closeAll() {
        synchronized (pumps) {
            pumps.values().forEach(Pump::stopReading);
            pumps.clear();
        }
    }

    /** The reader connected to the guest's socket, connected now if none is. */
    private Pump pump(String key, Path socket) throws IOException {
        Pump p;
        Object socketFile = fileKey(socket);
        synchronized (pumps) {
            p = pumps.get(key);
            if (p != null && p.alive() && !java.util.Objects.equals(p.socketFile, socketFile)) {
                p.stopReading(); // a reader left on the socket of a qemu that has since been replaced
                p = null;
            }
            if (p == null || !p.alive()) {
                p = new Pump(key, socket);
                pumps.put(key, p);
                p.start();
            }
        }
        return p;
    }

    /** The socket file's identity (a new qemu makes a new one at the same path). */
    private static Object fileKey(Path socket) {
        try {
            return java.nio.file.Files.readAttributes(socket, java.nio.file.attribute.BasicFileAttributes.class)
                    .fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private final class Pump extends Thread {
        private final String key;
        private final Object socketFile;
        private final SocketChannel channel;
        private final List<BlockingQueue<byte[]>> subscribers = new CopyOnWriteArrayList<>();
        private volatile boolean ended;

        Pump(String key, Path socket) throws IOException {
            super("garnet-console-" + key);
            setDaemon(true);
            this.key = key;
            this.socketFile = fileKey(socket);
            this.channel = connect(socket);
        }

        private static SocketChannel connect(Path socket) throws IOException {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                return ch;
            } catch (IOException e) {
                ch.close();
                throw e;
            }
        }

        boolean alive() {
            return !ended;
        }

        void stopReading() {
            try {
                channel.close(); // its thread ends, telling its consoles
            } catch (IOException ignored) {
                // closed
            }
        }

        void write(byte[] input) throws IOException {
            synchronized (channel) {
                ByteBuffer b = ByteBuffer.wrap(input);
                while (b.hasRemaining()) {
                    channel.write(b);
                }
            }
        }

        synchronized Subscription subscribe() {
            BlockingQueue<byte[]> q = new ArrayBlockingQueue<>(QUEUE);
            if (ended) {
                q.offer(new byte[0]);
            } else {
                subscribers.add(q);
            }
            return new Subscription(q, () -> subscribers.remove(q));
        }

        @Override
        public void run() {
            ByteBuffer buf = ByteBuffer.allocate(4096);
            try {
                while (true) {
                    int n;
                    try {
                        n = channel.read(buf.clear());
                    } catch (IOException e) {
                        n = -1;
                    }
                    if (n <= 0) {
                        break;
                    }
                    byte[] chunk = Arrays.copyOf(buf.array(), buf.position());
                    synchronized (this) {
                        for (BlockingQueue<byte[]> q : subscribers) {
                            q.offer(chunk); // a console too far behind loses output, as on a serial line
                        }
                    }
                }
            } finally {
                synchronized (this) {
                    ended = true;
                    subscribers.forEach(q -> q.offer(new byte[0]));
                    subscribers.clear();
                }
                pumps.remove(key, this);
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closed
                }
            }
        }
    }
}
