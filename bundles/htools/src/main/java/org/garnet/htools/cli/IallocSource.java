package org.garnet.htools.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.garnet.htools.iallocator.Request;
import org.garnet.htools.iallocator.RequestParser;
import org.garnet.htools.model.HtoolsException;

/**
 * {@code -I FILE} / {@code --ialloc-src=FILE}: the cluster described by an IAllocator request (its nodes, groups
 * and instances; the request itself is not run), as Ganeti's IAlloc backend reads it. {@code -} reads stdin.
 */
final class IallocSource {
    private IallocSource() {
    }

    /** A request that does not parse: reported as itself, not as a failed load (Ganeti exits there). */
    static final class BadRequest extends HtoolsException {
        private static final long serialVersionUID = 1L;

        BadRequest(String m) {
            super(m);
        }
    }

    static Request read(String path, int staticKvmNodeMemory, PrintStream err) throws HtoolsException {
        String body;
        try {
            body = path.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new HtoolsException(path + ": openFile: does not exist (No such file or directory)");
        } catch (IOException e) {
            throw new HtoolsException(path + ": openFile: " + e.getMessage());
        }
        Request r;
        try {
            r = RequestParser.parse(body, staticKvmNodeMemory);
        } catch (HtoolsException e) {
            throw new BadRequest(e.getMessage());
        }
        if (err != null && !r.warnings.isEmpty()) {
            err.println("Warning: cluster has inconsistent data:");
            StringBuilder b = new StringBuilder();
            for (String m : r.warnings) {
                b.append("  - ").append(m).append('\n');
            }
            err.println(b);
        }
        return r;
    }
}
