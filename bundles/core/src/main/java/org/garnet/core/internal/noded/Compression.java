package org.garnet.core.internal.noded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;

/**
 * The compression of a disk transfer, named as Ganeti's import/export names it ({@code --compress}): {@code none};
 * {@code gzip} and {@code gzip-fast} (what Ganeti's exporter runs as {@code gzip -1}); {@code gzip-slow}
 * ({@code gzip} at its default level 6); any other name is a program on the node run as Ganeti runs it
 * ({@code lzop -c} / {@code lzop -d -c}; a cluster's own tool as {@code tool} / {@code tool -d}). The gzip
 * family is done in process with the JDK's deflater, in gzip's format, so a stream from one side can be read by
 * the real {@code gzip -d} and the other way round; stretches that do not compress are stored
 * ({@link StoringGzip}).
 */
final class Compression {
    private static final int BUFFER = 1 << 20;

    private Compression() {
    }

    /** Whether {@code tool} is done in process. */
    static boolean inProcess(String tool) {
        return tool == null || List.of("none", "gzip", "gzip-fast", "gzip-slow").contains(tool);
    }

    /** {@code out} compressed with {@code tool} (closing the result finishes the compressed stream). */
    static OutputStream compressing(String tool, OutputStream out) throws IOException {
        return switch (tool == null ? "none" : tool) {
            case "none" -> out;
            case "gzip", "gzip-fast" -> gzip(out, 1);
            case "gzip-slow" -> gzip(out, 6);
            default -> ToolStream.writingThrough(command(tool, false), out);
        };
    }

    /** {@code in} decompressed with {@code tool}. */
    static InputStream decompressing(String tool, InputStream in) throws IOException {
        return switch (tool == null ? "none" : tool) {
            case "none" -> in;
            case "gzip", "gzip-fast", "gzip-slow" -> new GZIPInputStream(in, BUFFER);
            default -> ToolStream.readingThrough(command(tool, true), in);
        };
    }

    /** The command line Ganeti's import/export daemon runs for a tool that is not gzip. */
    static List<String> command(String tool, boolean decompress) {
        if (!tool.matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) {
            throw GanetiException.prereq("Invalid compression tool '" + tool + "'", ErrorCode.ECODE_INVAL);
        }
        if (tool.equals("lzop")) {
            return decompress ? List.of("lzop", "-d", "-c") : List.of("lzop", "-c");
        }
        return decompress ? List.of(tool, "-d") : List.of(tool);
    }

    private static OutputStream gzip(OutputStream out, int level) throws IOException {
        return new StoringGzip(out, BUFFER, level);
    }
}
