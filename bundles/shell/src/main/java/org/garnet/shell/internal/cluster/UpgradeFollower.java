package org.garnet.shell.internal.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Follows an upgrade past the master's swap, which replaces this very bundle: it uses nothing but the JDK (its
 * class is loaded before the swap and needs no other of this bundle's afterwards) and the release agent's files in
 * {@code ${karaf.data}/garnet-release/}: the agent's {@code swap.state} for how the master's swap went, then the
 * lines the next core appends to the upgrade's log, up to its end line, whose exit code it returns (1 when
 * nothing ends within the bound).
 */
final class UpgradeFollower {
    private final Path dir;
    private final String endPrefix;
    private final PrintStream out;

    UpgradeFollower(Path dir, String endPrefix, PrintStream out) {
        this.dir = dir;
        this.endPrefix = endPrefix;
        this.out = out;
    }

    static Path localDir() {
        return Path.of(System.getProperty("karaf.data", "data"), "garnet-release");
    }

    int follow(String swapId, long offset, long boundMillis) throws InterruptedException {
        long deadline = System.nanoTime() + boundMillis * 1_000_000L;
        long at = offset;
        boolean told = false;
        StringBuilder partial = new StringBuilder();
        while (System.nanoTime() < deadline) {
            if (!told) {
                Properties st = read(dir.resolve("swap.state"));
                String state = st.getProperty("state", "");
                if (swapId.equals(st.getProperty("id")) && !state.isEmpty() && !"swapping".equals(state)) {
                    if (!"done".equals(state)) {
                        out.println("The master's swap " + state + ": " + st.getProperty("message", ""));
                    }
                    told = true;
                }
            }
            String more = readFrom(dir.resolve("upgrade.log"), at);
            at += more.getBytes(StandardCharsets.UTF_8).length;
            partial.append(more);
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
                String line = partial.substring(0, nl);
                partial.delete(0, nl + 1);
                if (line.startsWith(endPrefix)) {
                    return Integer.parseInt(line.substring(endPrefix.length()).strip());
                }
                out.println(line);
            }
            out.flush();
            Thread.sleep(200);
        }
        out.println("The upgrade did not end within " + boundMillis / 1000 + " s; see gnt-cluster version, and"
                + " finish it with gnt-cluster upgrade --resume");
        return 1;
    }

    private static Properties read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            // not there yet
        }
        return p;
    }

    private static String readFrom(Path file, long offset) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            if (len <= offset) {
                return "";
            }
            byte[] b = new byte[(int) Math.min(len - offset, 1 << 20)];
            f.seek(offset);
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
