package org.garnet.core.internal.node;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.garnet.api.ParamDoc;
import org.garnet.api.os.OsDefinition;

/**
 * An OS definition as a node describes it to the master: where it is, whether it is valid, its API versions,
 * variants, parameters and which scripts it has (paths on that node).
 */
public record OsInfo(String name, String path, boolean valid, String problem, List<Integer> apiVersions,
                     List<String> variants, List<ParamDoc> parameters, List<String> scripts) implements OsDefinition {
    public static OsInfo of(String name, OsDefinition os) {
        Optional<String> problem = os instanceof org.garnet.core.internal.os.DirectoryOs d ? d.problem()
                : Optional.empty();
        String path = os instanceof org.garnet.core.internal.os.DirectoryOs d ? d.dir().toString() : "(bundle)";
        List<String> scripts = java.util.Arrays.stream(OsScript.values())
                .filter(s -> os.script(s).isPresent()).map(Enum::name).toList();
        return new OsInfo(name, path, problem.isEmpty(), problem.orElse(""), os.apiVersions(), os.variants(),
                os.parameters(), scripts);
    }

    @Override
    public Optional<Path> script(OsScript script) {
        return scripts.contains(script.name()) ? Optional.of(Path.of(path, script.fileName())) : Optional.empty();
    }
}
