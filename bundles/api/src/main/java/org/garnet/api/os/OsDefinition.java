package org.garnet.api.os;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.garnet.api.ParamDoc;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An OS definition following Ganeti's OS interface (API versions 10, 15, 20): scripts {@code create},
 * {@code import}, {@code export}, {@code rename}, {@code verify}, plus {@code variants.list} and
 * {@code parameters.list}. Registered with the property {@value #NAME}; a bundle in {@code deploy/} or a
 * directory in the OS search path provides one.
 *
 * <p>The core runs the scripts (environment as Ganeti sets it, with a timeout, output to the job log and the
 * OS log directory); the definition only says where they are. Methods are cheap and thread-safe.
 */
@ConsumerType
public interface OsDefinition {
    /** Service property naming the OS. */
    String NAME = "os.name";

    /** Supported API versions, newest first. */
    List<Integer> apiVersions();

    /** Variants (empty if the OS has none); the first is the default. */
    List<String> variants();

    /** OS parameters ({@code parameters.list}). */
    List<ParamDoc> parameters();

    /** The executable for a script, if the OS has it. */
    Optional<Path> script(OsScript script);

    /** Ganeti's script names. */
    enum OsScript {
        create, create_untrusted, import_, export, rename, verify;

        /** The file name of the script. */
        public String fileName() {
            return this == import_ ? "import" : name();
        }
    }
}
