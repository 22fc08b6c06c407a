package org.garnet.core.internal.noded;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * gzip's format at a deflate level, except that a stretch of data that does not compress (random or already
 * compressed data: a disk's encrypted or compressed files) goes into stored deflate blocks instead of through
 * the compressor, which would crawl through it at deflate's speed on such data (40 to 55 MB/s here,
 * {@code gzip -1} and the JDK's deflater alike) to make it no smaller. Each {@value #CHUNK}-byte stretch is
 * judged by compressing {@value #SAMPLES} samples of {@value #SAMPLE} bytes spread over it at level 1: under
 * {@value #STORE_PERCENT}% of their size, the stretch is compressed at the asked level, else stored; a stretch of
 * zeros (a disk's unused space) is compressed at level 1, twice as fast as level 6 on zeros for the same size
 * within 0.3% of the stretch. What comes out is an ordinary gzip stream: {@code gzip -d} reads it.
 */
final class StoringGzip extends GZIPOutputStream {
    static final int CHUNK = 1 << 20;
    static final int SAMPLE = 4096;
    static final int SAMPLES = 4;
    static final int STORE_PERCENT = 95;

    private final int level;
    private final Deflater probe = new Deflater(1, true);
    private final byte[] probeOut = new byte[SAMPLE + 256];
    private static final byte[] NOTHING = new byte[0];
    private static final byte[] ZEROS = new byte[CHUNK];
    private int current;
    private long stored;

    StoringGzip(OutputStream out, int buffer, int level) throws IOException {
        super(out, buffer);
        this.level = level;
        this.current = level;
        def.setLevel(level);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, CHUNK);
            boolean store = incompressible(b, off, n);
            level(store ? Deflater.NO_COMPRESSION : zeros(b, off, n) ? Math.min(1, level) : level);
            if (store) {
                stored += n;
            }
            super.write(b, off, n);
            off += n;
            len -= n;
        }
    }

    /**
     * Switches the deflater to {@code to} before the next input: zlib applies a new level by first flushing what
     * it holds with the old one, and would compress (or store) the input given with the change the old way.
     */
    private void level(int to) throws IOException {
        if (to == current) {
            return;
        }
        def.setLevel(to);
        def.setInput(NOTHING, 0, 0);
        int n;
        do { // the flush may need more than one buffer
            n = def.deflate(buf, 0, buf.length);
            if (n > 0) {
                out.write(buf, 0, n);
            }
        } while (n == buf.length);
        current = to;
    }

    /** Bytes that went into stored blocks so far. */
    long stored() {
        return stored;
    }

    private static boolean zeros(byte[] b, int off, int n) {
        return Arrays.mismatch(b, off, off + n, ZEROS, 0, n) < 0;
    }

    /** Whether the samples of {@code b[off, off + n)} compress to no less than STORE_PERCENT of their size. */
    private boolean incompressible(byte[] b, int off, int n) {
        if (n < SAMPLE * SAMPLES) {
            return false;
        }
        long in = 0;
        long out = 0;
        for (int i = 0; i < SAMPLES; i++) {
            int at = off + (int) ((long) (n - SAMPLE) * i / (SAMPLES - 1));
            probe.reset();
            probe.setInput(b, at, SAMPLE);
            probe.finish();
            int made = probe.deflate(probeOut);
            in += SAMPLE;
            out += probe.finished() ? made : SAMPLE;
        }
        return out * 100 >= in * STORE_PERCENT;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            probe.end();
        }
    }
}
