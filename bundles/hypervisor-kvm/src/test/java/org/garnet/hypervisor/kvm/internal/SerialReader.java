package org.garnet.hypervisor.kvm.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** What a guest writes on its serial console (qemu's unix socket), collected by a background thread. */
final class SerialReader implements AutoCloseable {
    private final SocketChannel channel;
    private final StringBuffer text = new StringBuffer();
    private final Thread pump;

    SerialReader(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        InputStream in = Channels.newInputStream(channel);
        pump = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    text.append(new String(buf, 0, n, StandardCharsets.UTF_8).replace("\r", ""));
                }
            } catch (IOException ignored) {
                // closed
            }
        }, "serial-reader");
        pump.setDaemon(true);
        pump.start();
    }

    String text() {
        return text.toString();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
