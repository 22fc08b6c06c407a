package org.garnet.htools.hail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.garnet.htools.ToolRunner;
import org.garnet.htools.cli.Hail;

/** Runs Garnet's hail in-process or Ganeti's real hail, on the request files kept as test resources. */
final class HailRunner {
    static final Path REAL_HAIL = Path.of("/usr/lib/ganeti/3.0/usr/lib/ganeti/iallocators/hail");
    private static final ObjectMapper JSON = new ObjectMapper();

    private HailRunner() {
    }

    static Path dir() {
        try {
            return Path.of(HailRunner.class.getResource("/org/garnet/htools/hail/cases.txt").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(String name) {
        try {
            return Files.readString(dir().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Arguments with the names of resource files made absolute. */
    static String[] resolve(String args) {
        List<String> r = new ArrayList<>();
        for (String a : args.trim().split("\\s+")) {
            Path p = dir().resolve(a);
            r.add(!a.startsWith("-") && Files.exists(p) ? p.toString() : a);
        }
        return r.toArray(new String[0]);
    }

    static ToolRunner.Result garnet(String stdin, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int rc;
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
                PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            rc = new Hail(in).run(args, po, pe);
        }
        return new ToolRunner.Result(rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    static boolean realAvailable() {
        return Files.isExecutable(REAL_HAIL);
    }

    static ToolRunner.Result real(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(REAL_HAIL.toString());
        cmd.addAll(List.of(args));
        File in = File.createTempFile("hail-in", ".json");
        File out = File.createTempFile("hail-out", ".txt");
        File err = File.createTempFile("hail-err", ".txt");
        try {
            Files.writeString(in.toPath(), stdin);
            Process p = new ProcessBuilder(cmd).redirectInput(in).redirectOutput(out).redirectError(err).start();
            int rc = p.waitFor();
            return new ToolRunner.Result(rc, Files.readString(out.toPath()), Files.readString(err.toPath()));
        } finally {
            in.delete();
            out.delete();
            err.delete();
        }
    }

    static JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
