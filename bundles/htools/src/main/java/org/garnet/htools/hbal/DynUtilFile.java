package org.garnet.htools.hbal;

import java.util.ArrayList;
import java.util.List;

import org.garnet.htools.loader.Hs;
import org.garnet.htools.loader.TextLoader;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Instance;

/** The dynamic utilisation file of {@code hbal -U}: lines "name cpu mem disk net". */
public final class DynUtilFile {
    /** One line: instance name and its cpu, memory, disk and network load. */
    public record Entry(String name, double[] util) {
    }

    /** Reading the file failed at the IO level (Ganeti reports these as "hbal: PATH: openFile: ..."). */
    public static final class IoFailure extends Exception {
        private static final long serialVersionUID = 1L;

        IoFailure(String m) {
            super(m);
        }
    }

    private DynUtilFile() {
    }

    public static String read(String path) throws IoFailure {
        try {
            return Hs.readFile(path);
        } catch (HtoolsException e) {
            throw new IoFailure(e.getMessage());
        }
    }

    /** Parses the contents; errors carry Ganeti's messages (without the "can't parse" prefix). */
    public static List<Entry> parse(String text) throws HtoolsException {
        List<Entry> r = new ArrayList<>();
        List<String> lines = TextLoader.split(text, '\n');
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        for (String line : lines) {
            List<String> f = TextLoader.split(line, ' ');
            if (f.size() != 5) {
                throw new HtoolsException("Cannot parse line " + line);
            }
            String name = f.get(0);
            double[] u = new double[4];
            for (int k = 0; k < 4; k++) {
                u[k] = Hs.readDouble(name, f.get(k + 1));
            }
            r.add(new Entry(name, u));
        }
        return r;
    }

    /** Sets the utilisation of the named instances (unknown names are ignored; the last line wins). */
    public static void apply(List<Entry> entries, List<Instance> il) {
        for (Entry e : entries) {
            for (Instance i : il) {
                if (i.name.equals(e.name())) {
                    i.util = e.util().clone();
                    break;
                }
            }
        }
    }
}
