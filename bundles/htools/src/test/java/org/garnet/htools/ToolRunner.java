package org.garnet.htools;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.garnet.htools.cli.Main;

/** Runs a Garnet tool in-process, or Ganeti's real tool when installed, capturing output and exit status. */
public final class ToolRunner {
    public static final Path GANETI_BIN = Path.of("/usr/lib/ganeti/3.0/usr/bin");

    /** Captured result of one tool run. */
    public record Result(int rc, String out, String err) {
    }

    private ToolRunner() {
    }

    public static String data(String name) {
        try {
            return Path.of(ToolRunner.class.getResource("/org/garnet/htools/data/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Result garnet(String tool, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        Main.Tool t = Main.tool(tool);
        int rc;
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
                PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            rc = t.run(args, po, pe);
        }
        return new Result(rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    public static boolean ganetiAvailable(String tool) {
        return Files.isExecutable(GANETI_BIN.resolve(tool));
    }

    public static Result ganeti(String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(GANETI_BIN.resolve(tool).toString());
        cmd.addAll(Arrays.asList(args));
        File out = File.createTempFile("ganeti-out", ".txt");
        File err = File.createTempFile("ganeti-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start();
            int rc = p.waitFor();
            return new Result(rc, Files.readString(out.toPath()), Files.readString(err.toPath()));
        } finally {
            out.delete();
            err.delete();
        }
    }
}
