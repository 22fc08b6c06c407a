package org.garnet.core.internal.rpc;

import java.util.Map;
import org.garnet.api.model.Disk;

/**
 * One end of a data transfer between nodes (Ganeti's import/export I/O kinds): an instance disk ({@code disk},
 * Ganeti's {@code raw}), a file on the node ({@code file}, an export's dump), or an OS {@code import}/{@code export}
 * script run for disk {@code index} with the OS environment {@code env} the master computed ({@code script}); the
 * script reads the data on its standard input or writes it on its standard output.
 */
public record DataEnd(String kind, String template, Disk disk, String path, String os, int index,
                      Map<String, String> env) {
    public static final String DISK = "disk";
    public static final String FILE = "file";
    public static final String SCRIPT = "script";
    /** A file of the node's {@code deploy/} folder: a driver bundle or a release archive ({@code path}: its name). */
    public static final String DEPLOY = "deploy";

    public static DataEnd deploy(String fileName) {
        return new DataEnd(DEPLOY, null, null, fileName, null, 0, Map.of());
    }

    public static DataEnd disk(String template, Disk disk) {
        return new DataEnd(DISK, template, disk, null, null, 0, Map.of());
    }

    public static DataEnd file(String path) {
        return new DataEnd(FILE, null, null, path, null, 0, Map.of());
    }

    public static DataEnd script(String template, Disk disk, String os, int index, Map<String, String> env) {
        return new DataEnd(SCRIPT, template, disk, null, os, index, env);
    }
}
