package org.garnet.consensus.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A log entry: the name of the state it is for, then the state's own bytes. */
final class Entries {
    /** An entry taken apart. */
    record Entry(String state, byte[] payload) {
    }

    private Entries() {
    }

    static byte[] encode(String state, byte[] payload) {
        byte[] name = state.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + name.length + payload.length).putShort((short) name.length).put(name)
                .put(payload).array();
    }

    static Entry decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte[] name = new byte[Short.toUnsignedInt(b.getShort())];
        b.get(name);
        byte[] payload = new byte[b.remaining()];
        b.get(payload);
        return new Entry(new String(name, StandardCharsets.UTF_8), payload);
    }
}
