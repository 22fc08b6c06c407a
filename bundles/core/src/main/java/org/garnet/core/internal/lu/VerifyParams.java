package org.garnet.core.internal.lu;

import java.util.ArrayList;
import java.util.List;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;

/** The parameters the cluster-verify opcodes share (Ganeti's names and defaults). */
final class VerifyParams {
    private VerifyParams() {
    }

    static List<OpParam> common(boolean withGroupAndSkips) {
        List<OpParam> out = new ArrayList<>(List.of(
                OpParam.optional("debug_simulate_errors", ParamType.BOOL, false, "Whether to simulate errors"),
                OpParam.optional("error_codes", ParamType.BOOL, false, "Error codes as machine-parseable strings"),
                OpParam.optional("ignore_errors", ParamType.STRING_LIST, List.of(), "Error codes to ignore"),
                OpParam.optional("verbose", ParamType.BOOL, false, "Verbose mode")));
        if (withGroupAndSkips) {
            out.add(OpParam.optional("group_name", ParamType.STRING, null, "Node group to verify"));
            out.add(OpParam.optional("skip_checks", ParamType.STRING_LIST, List.of(), "Checks to skip"));
            out.add(OpParam.optional("verify_clutter", ParamType.BOOL, false, "Verify unneeded files"));
        }
        return out;
    }
}
