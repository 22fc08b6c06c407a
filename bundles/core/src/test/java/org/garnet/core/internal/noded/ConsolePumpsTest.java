package org.garnet.core.internal.noded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest's serial socket served as qemu serves it (one client at a time): what two consoles type reaches the
 * guest through the one connection, and what the guest answers reaches both consoles.
 */
class ConsolePumpsTest {
    @TempDir
    Path dir;

    @Test
    void keysTypedReachTheGuestAndItsAnswerEveryConsole() throws Exception {
        Path socket = dir.resolve("g.serial");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            // the guest: answers each line it reads with "typed LINE"
            Thread guest = new Thread(() -> {
                try (SocketChannel c = server.accept();
                     BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c),
                             StandardCharsets.UTF_8));
                     OutputStream out = Channels.newOutputStream(c)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        out.write(("typed " + line + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                } catch (Exception e) {
                    // the test ended
                }
            });
            guest.setDaemon(true);
            guest.start();
            ConsolePumps pumps = new ConsolePumps();
            ConsolePumps.Subscription first = pumps.subscribe("kvm/g", socket);
            ConsolePumps.Subscription second = pumps.subscribe("kvm/g", socket);
            pumps.write("kvm/g", socket, "hello\n".getBytes(StandardCharsets.UTF_8));
            pumps.write("kvm/g", socket, "again\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("typed hello\ntyped again\n", read(first, 24));
            assertEquals("typed hello\ntyped again\n", read(second, 24));
            first.close().run();
            second.close().run();
        }
    }

    @Test
    void closingLetsGoOfTheGuestSoTheNextDaemonsConsoleGetsIt() throws Exception {
        Path socket = dir.resolve("h.serial");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            // the guest, as qemu: one client at a time; says which connection this is, until the client goes
            Thread guest = new Thread(() -> {
                for (int n = 1; n <= 2; n++) {
                    try (SocketChannel c = server.accept(); OutputStream out = Channels.newOutputStream(c)) {
                        out.write(("connection " + n + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        java.nio.ByteBuffer sink = java.nio.ByteBuffer.allocate(64);
                        while (c.read(sink.clear()) >= 0) {
                            sink.clear(); // what a client types: nothing here; until it goes away
                        }
                    } catch (Exception e) {
                        // the client went away
                    }
                }
            });
            guest.setDaemon(true);
            guest.start();
            ConsolePumps before = new ConsolePumps(); // the node daemon of the release before a swap
            ConsolePumps.Subscription old = before.subscribe("kvm/h", socket);
            assertEquals("connection 1\n", read(old, 13));
            before.closeAll();
            ConsolePumps after = new ConsolePumps(); // the next one's
            ConsolePumps.Subscription next = after.subscribe("kvm/h", socket);
            assertEquals("connection 2\n", read(next, 13));
            next.close().run();
            after.closeAll();
        }
    }

    /** {@code n} bytes of what the console shows (bounded wait per chunk). */
    private static String read(ConsolePumps.Subscription sub, int n) throws InterruptedException {
        StringBuilder got = new StringBuilder();
        while (got.length() < n) {
            byte[] chunk = sub.chunks().poll(10, TimeUnit.SECONDS);
            assertNotNull(chunk, "the console showed only '" + got + "'");
            got.append(new String(chunk, StandardCharsets.UTF_8));
        }
        return got.toString();
    }
}
