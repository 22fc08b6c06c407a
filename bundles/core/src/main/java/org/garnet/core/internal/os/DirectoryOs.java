package org.garnet.core.internal.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.garnet.api.ParamDoc;
import org.garnet.api.os.OsDefinition;

/**
 * An OS definition in a directory laid out as Ganeti's OS interface says: {@code ganeti_api_version},
 * {@code create}/{@code import}/{@code export}/{@code rename}/{@code verify}, {@code variants.list},
 * {@code parameters.list}. Files are read on each call (a directory may be edited in place).
 */
public final class DirectoryOs implements OsDefinition {
    private final String name;
    private final Path dir;

    public DirectoryOs(String name, Path dir) {
        this.name = name;
        this.dir = dir;
    }

    public String name() {
        return name;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public List<Integer> apiVersions() {
        List<Integer> out = new ArrayList<>();
        for (String line : lines("ganeti_api_version")) {
            try {
                out.add(Integer.parseInt(line));
            } catch (NumberFormatException e) {
                // not a version: ignored, and the OS is reported invalid if nothing is left
            }
        }
        return out;
    }

    @Override
    public List<String> variants() {
        return lines("variants.list");
    }

    @Override
    public List<ParamDoc> parameters() {
        List<ParamDoc> out = new ArrayList<>();
        for (String line : lines("parameters.list")) {
            String[] parts = line.split("\\s+", 2);
            out.add(new ParamDoc(parts[0], parts.length > 1 ? parts[1] : ""));
        }
        return out;
    }

    @Override
    public Optional<Path> script(OsScript script) {
        Path p = dir.resolve(script.fileName());
        return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }

    /** Why this directory is not a usable OS (Ganeti's diagnose messages), or empty when it is fine. */
    public Optional<String> problem() {
        if (!Files.isDirectory(dir)) {
            return Optional.of("OS dir not found in search path");
        }
        List<Integer> versions = apiVersions();
        if (versions.isEmpty()) {
            return Optional.of("API version file missing or empty in " + dir);
        }
        if (versions.stream().noneMatch(v -> v == 10 || v == 15 || v == 20)) {
            return Optional.of("API version mismatch for path '" + dir + "': found " + versions
                    + ", expected [10, 15, 20]");
        }
        if (script(OsScript.create).isEmpty() && script(OsScript.create_untrusted).isEmpty()) {
            return Optional.of("Missing or non-executable create script in " + dir);
        }
        return Optional.empty();
    }

    private List<String> lines(String file) {
        Path p = dir.resolve(file);
        if (!Files.isRegularFile(p)) {
            return List.of();
        }
        try {
            return Files.readAllLines(p).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
