package org.garnet.disk.ext.internal;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** Test providers in Ganeti's layout, written as real scripts, and the template's settings. */
final class Providers {
    private Providers() {
    }

    /**
     * A provider directory whose scripts are {@code scripts} (name → body, run by bash); the scripts not given
     * succeed doing nothing; {@code parameters.list} lists {@code params}.
     */
    static Path write(Path dir, Map<String, String> scripts, String... params) throws IOException {
        Files.createDirectories(dir);
        java.util.List<String> names = new java.util.ArrayList<>(ScriptProvider.SCRIPTS);
        ScriptProvider.OPTIONAL.stream().filter(scripts::containsKey).forEach(names::add); // only when given
        for (String s : names) {
            Path f = dir.resolve(s);
            Files.writeString(f, "#!/bin/bash\n" + scripts.getOrDefault(s, "exit 0") + "\n");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        StringBuilder list = new StringBuilder();
        for (String p : params) {
            list.append(p).append(" the ").append(p).append(" parameter\n");
        }
        Files.writeString(dir.resolve(ScriptProvider.PARAMETERS), list);
        return dir;
    }

    /** The template's settings: this data root, Ganeti's search path under it, and the scripts' timeout. */
    static ExtConfig config(Path dataRoot, long timeoutSeconds) {
        return new ExtConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ExtConfig.class;
            }

            @Override
            public String data_root() {
                return dataRoot.toString();
            }

            @Override
            public String search_path() {
                return "";
            }

            @Override
            public long script_timeout() {
                return timeoutSeconds;
            }
        };
    }
}
