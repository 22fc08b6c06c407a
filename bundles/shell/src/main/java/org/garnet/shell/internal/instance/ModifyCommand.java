package org.garnet.shell.internal.instance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.format.KeyValues;
import org.garnet.shell.internal.format.Sizes;
import org.garnet.shell.internal.jobs.JobAction;

/**
 * {@code gnt-instance modify [-B ...] [-H ...] [-O ...] [--disk add:size=S|N:remove|remove] [--net add:...|N:remove|
 * N:link=L,...] [-o OS] [--offline|--online] [--ignore-ipolicy] NAME}: Ganeti's modification syntax
 * ({@code _ConvertNicDiskModifications}) and its report of what changed.
 */
@Service
@Command(scope = "gnt.instance", name = "modify", description = "Change instance parameters")
public class ModifyCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Option(name = "--backend-parameters", aliases = "-B", description = "Backend parameters")
    String beparams;
    @Option(name = "--hypervisor-parameters", aliases = "-H", description = "Hypervisor parameters")
    String hvparams;
    @Option(name = "--os-parameters", aliases = "-O", description = "OS parameters")
    String osparams;
    @Option(name = "--disk", multiValued = true, description = "Disk changes: add:size=S,mode=M | [N:]remove")
    List<String> disks;
    @Option(name = "--net", multiValued = true, description = "NIC changes: add:mac=M,link=L | N:remove | N:link=L")
    List<String> nets;
    @Option(name = "--os-type", aliases = "-o", description = "Change the instance's OS without reinstalling")
    String os;
    @Option(name = "--offline", description = "Mark the instance as offline")
    boolean offline;
    @Option(name = "--online", description = "Mark the instance as online")
    boolean online;
    @Option(name = "--ignore-ipolicy", description = "Ignore instance policy violations")
    boolean ignoreIpolicy;
    @Option(name = "--force", aliases = "-f", description = "Force the operation")
    boolean force;
    @Option(name = "--hotplug", description = "Hotplug supported devices (NICs and Disks)")
    boolean hotplug;
    @Option(name = "--hotplug-if-possible", description = "Hotplug devices in case hotplug is supported")
    boolean hotplugIfPossible;

    @Reference
    org.apache.karaf.shell.api.console.Session session;

    @Argument(name = "instance", required = true, description = "Instance name")
    String name;

    @Override
    protected String tool() {
        return "gnt-instance";
    }

    @Override
    protected String command() {
        return "modify";
    }

    @Override
    public Object execute() throws Exception {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("instance_name", name);
        p.put("beparams", beparams == null ? Map.of() : Sizes.beparams(KeyValues.parse(beparams)));
        p.put("hvparams", hvparams == null ? Map.of() : KeyValues.parse(hvparams));
        p.put("osparams", osparams == null ? Map.of() : KeyValues.parse(osparams));
        p.put("disks", mods(disks, true));
        p.put("nics", mods(nets, false));
        boolean nicModify = ((List<?>) p.get("nics")).stream().anyMatch(m -> "modify".equals(((List<?>) m).get(0)));
        if (nicModify && hotplug && !force && !org.garnet.shell.internal.format.Confirm.ask(session, "You are about "
                + "to hot-modify a NIC. This will be done by removing the existing NIC and then adding a new one. "
                + "Network connection might be lost. Continue?")) {
            return 1;
        }
        if (os != null) {
            p.put("os_name", os);
        }
        if (offline && online) {
            throw GanetiException.prereq("Can't use --online and --offline at the same time", ErrorCode.ECODE_INVAL);
        }
        if (offline || online) {
            p.put("offline", offline);
        }
        p.put("ignore_ipolicy", ignoreIpolicy);
        p.put("hotplug", hotplug);
        p.put("hotplug_if_possible", hotplugIfPossible);
        p.put("force", force);
        List<Object> result = runJob(queue, List.of(OpCode.of("OP_INSTANCE_SET_PARAMS", p)));
        if (result != null) {
            List<?> changes = (List<?>) result.get(0);
            if (!changes.isEmpty()) {
                System.out.println("Modified instance " + name);
                for (Object c : changes) {
                    List<?> pair = (List<?>) c;
                    System.out.println(" - " + pair.get(0) + " -> " + pair.get(1));
                }
                System.out.println("Please don't forget that most parameters take effect only at the next "
                        + "(re)start of the instance initiated by ganeti; restarting from within the instance will "
                        + "not be enough.");
            }
        }
        return null;
    }

    /** Ganeti's {@code IDENT:key=value,...} modifications to {@code [op, index, params]}. */
    private static List<Object> mods(List<String> specs, boolean disk) {
        List<Object> out = new ArrayList<>();
        if (specs == null) {
            return out;
        }
        for (String spec : specs) {
            int colon = spec.indexOf(':');
            String ident = colon < 0 ? spec : spec.substring(0, colon);
            Map<String, Object> params = new LinkedHashMap<>(colon < 0 ? Map.of()
                    : KeyValues.parse(spec.substring(colon + 1)));
            String op;
            int index;
            if (ident.equals("add") || ident.equals("remove")) {
                op = ident;
                index = -1;
            } else {
                try {
                    index = Integer.parseInt(ident);
                } catch (NumberFormatException e) {
                    throw GanetiException.prereq("Invalid " + (disk ? "disk" : "NIC") + " index '" + ident + "'",
                            ErrorCode.ECODE_INVAL);
                }
                if (params.remove("add") != null) {
                    op = "add";
                } else if (params.remove("remove") != null) {
                    op = "remove";
                } else {
                    op = "modify";
                }
            }
            if (disk && params.get("size") instanceof String s) {
                params.put("size", Sizes.mib(s));
            }
            out.add(List.of(op, index, params));
        }
        return out;
    }
}
