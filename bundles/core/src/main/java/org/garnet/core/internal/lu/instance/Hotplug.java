package org.garnet.core.internal.lu.instance;

import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.hypervisor.HvInstance;
import org.garnet.api.hypervisor.Hypervisor;
import org.garnet.api.lu.LuContext;

/**
 * Ganeti 3.0's hotplug steps of {@code gnt-instance modify}: whether devices are plugged into the running
 * instance ({@code --hotplug}: required, refused when the primary node's hypervisor cannot;
 * {@code --hotplug-if-possible}: a warning and the change without it), and each device plugged, a failure being
 * a warning that leaves the configuration change in place ({@code hotplug:failed}).
 */
final class Hotplug {
    private Hotplug() {
    }

    /** Ganeti's {@code _CheckHotplug}: whether this modification hotplugs. */
    static boolean decide(Hypervisor hv, HvInstance instance, boolean hotplug, boolean ifPossible, LuContext ctx) {
        if (!hotplug && !ifPossible) {
            return false;
        }
        try {
            hv.checkHotplug(instance);
            return true;
        } catch (GanetiException e) {
            String fail = "Hotplug is not supported: " + e.getMessage(); // the node's wording
            if (hotplug) { // Ganeti's result.Raise repeats the node's message after its own
                throw GanetiException.prereq("Hotplug is not possible: " + fail + ": " + fail,
                        ErrorCode.ECODE_STATE);
            }
            ctx.feedback(" - WARNING: " + fail);
            ctx.feedback(" - INFO: Modification will take place without hotplugging.");
            return false;
        }
    }

    /** Ganeti's {@code _HotplugDevice}: {@code hotplug:done} or, with a warning, {@code hotplug:failed}. */
    static String device(Hypervisor hv, HvInstance instance, String action, String target, int index,
                         LuContext ctx) {
        ctx.feedback(" - INFO: Trying to hotplug device...");
        try {
            hv.hotplug(instance, action, target, index);
        } catch (GanetiException e) {
            ctx.feedback(" - WARNING: Could not hotplug device: " + e.getMessage());
            ctx.feedback(" - INFO: Continuing execution..");
            return "hotplug:failed";
        }
        ctx.feedback(" - INFO: Hotplug done.");
        return "hotplug:done";
    }
}
