package org.garnet.htools.hbal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.garnet.htools.cli.Hbal;

/** Runs Garnet's hbal in-process and Ganeti's real hbal (when installed) and captures their outputs. */
final class Oracle {
    static final Path GANETI_HBAL = Path.of("/usr/lib/ganeti/3.0/usr/bin/hbal");

    /** Standard output, standard error and exit status of one run. */
    record Run(String out, String err, int rc) {
    }

    private Oracle() {
    }

    static boolean ganetiAvailable() {
        return Files.isExecutable(GANETI_HBAL);
    }

    static Path testDataDir() {
        for (String d : new String[] {"/work/shared/htools-conformance/test/data/htools",
            "/work/shared/ganeti-testdata/htools"}) {
            if (Files.isDirectory(Path.of(d))) {
                return Path.of(d);
            }
        }
        return null;
    }

    static Run garnet(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc;
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
                PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            rc = new Hbal().run(args, po, pe);
        }
        return new Run(o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8), rc);
    }

    static Run ganeti(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(GANETI_HBAL.toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("hbal-out", ".txt");
        Path err = Files.createTempFile("hbal-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("Ganeti's hbal timed out");
            }
            return new Run(Files.readString(out), Files.readString(err), p.exitValue());
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The final score printed by hbal (after "improved from X to", or the initial score without moves). */
    static double finalScore(String out) {
        double score = Double.NaN;
        for (String l : out.split("\n")) {
            if (l.startsWith("Cluster score improved from ")) {
                return Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
            }
            if (l.startsWith("Initial score: ")) {
                score = Double.parseDouble(l.substring("Initial score: ".length()));
            }
        }
        return score;
    }
}
