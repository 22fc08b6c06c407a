package org.garnet.htools.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.garnet.htools.iallocator.Request;
import org.garnet.htools.iallocator.RequestParser;
import org.garnet.htools.loader.Hs;
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
                    : Hs.readFile(path);
        } catch (IOException e) {
            throw new HtoolsException("-: " + e.getMessage());
        }
        Request r;
        try {
            r = RequestParser.parse(body, staticKvmNodeMemory);
        } catch (HtoolsException e) {
            throw new BadRequest(e.getMessage());
        }
        if (err != null) {
            Cluster.printWarnings(r.warnings, err);
        }
        return r;
    }
}
