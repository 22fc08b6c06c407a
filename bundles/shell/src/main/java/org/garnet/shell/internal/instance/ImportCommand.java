package org.garnet.shell.internal.instance;

import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code gnt-backup import -t TEMPLATE -n NODE [--src-node NODE] [--src-dir DIR] [--compress TOOL] [gnt-instance add's
 * options] NAME}: {@code OP_INSTANCE_CREATE} in mode {@code import} as Ganeti's client builds it (disks and NICs
 * from the export unless given, never started).
 */
@Service
@Command(scope = "gnt.backup", name = "import", description = "Imports an instance from an exported image")
public class ImportCommand extends AddCommand {
    @Option(name = "--src-node", description = "Source node")
    String srcNode;
    @Option(name = "--src-dir", description = "Source directory")
    String srcDir;
    @Option(name = "--compress", description = "The compression mode to use")
    String compress = "none";
    @Option(name = "--identify-defaults", description = "Reset instance parameters to default if equal")
    boolean identifyDefaults;

    @Override
    protected String tool() {
        return "gnt-backup";
    }

    @Override
    protected String command() {
        return "import";
    }

    @Override
    protected String mode() {
        return "import";
    }

    @Override
    protected void more(Map<String, Object> p) {
        if (srcNode != null) {
            p.put("src_node", srcNode);
        }
        if (srcDir != null) {
            p.put("src_path", srcDir);
        }
        p.put("compress", compress);
        p.put("identify_defaults", identifyDefaults);
    }
}
