package org.garnet.htools.iallocator;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.garnet.htools.loader.Hs;
import org.garnet.htools.model.Fmt;
import org.garnet.htools.model.Instance;

/** Haskell {@code show} of a request, as {@code hail -v -v} prints it ("Received request: ..."). */
public final class RequestShow {
    private RequestShow() {
    }

    private static String runSt(Instance i) {
        return switch (i.runSt) {
            case RUNNING -> "Running";
            case ADMIN_DOWN -> "StatusDown";
            case ADMIN_OFFLINE -> "StatusOffline";
            case ERROR_DOWN -> "ErrorDown";
            case ERROR_UP -> "ErrorUp";
            case ERROR_NODEDOWN -> "NodeDown";
            case ERROR_NODEOFFLINE -> "NodeOffline";
            case ERROR_WRONGNODE -> "WrongNode";
            case USER_DOWN -> "UserDown";
        };
    }

    private static String strings(List<String> l) {
        return Hs.showList(l);
    }

    private static String maybeStr(String s) {
        return s == null ? "Nothing" : "Just " + Hs.showString(s);
    }

    /** Haskell's show of an Instance record (NICs reduced to their networks). */
    public static String instance(Instance i, List<String> networks) {
        List<String> disks = new ArrayList<>();
        for (int k = 0; k < i.diskSizes.length; k++) {
            Integer sp = i.diskSpindles[k];
            disks.add("Disk {dskSize = " + i.diskSizes[k] + ", dskSpindles = "
                    + (sp == null ? "Nothing" : "Just " + sp) + "}");
        }
        String util = "DynUtil {cpuWeight = " + Fmt.showDouble(i.util[0]) + ", memWeight = "
                + Fmt.showDouble(i.util[1]) + ", dskWeight = " + Fmt.showDouble(i.util[2]) + ", netWeight = "
                + Fmt.showDouble(i.util[3]) + "}";
        String nics = networks == null ? "[]" : "[" + networks.stream()
                .map(n -> "Nic {network = " + maybeStr(n) + "}").collect(Collectors.joining(",")) + "]";
        return "Instance {name = " + Hs.showString(i.name) + ", alias = " + Hs.showString(i.alias) + ", mem = "
                + i.mem + ", dsk = " + i.dsk + ", disks = [" + String.join(",", disks) + "], vcpus = " + i.vcpus
                + ", runSt = " + runSt(i) + ", pNode = " + i.pNode + ", sNode = " + i.sNode + ", idx = " + i.idx
                + ", util = " + util + ", movable = " + cap(i.movable) + ", autoBalance = " + cap(i.autoBalance)
                + ", diskTemplate = " + i.diskTemplate.haskellName + ", spindleUse = " + i.spindleUse
                + ", allTags = " + strings(i.allTags) + ", exclTags = " + strings(i.exclTags)
                + ", dsrdLocTags = fromList " + strings(new ArrayList<>(i.dsrdLocTags)) + ", locationScore = "
                + i.locationScore + ", arPolicy = ArNotEnabled, nics = " + nics + ", forthcoming = "
                + cap(i.forthcoming) + "}";
    }

    private static String cap(boolean b) {
        return b ? "True" : "False";
    }

    private static String ints(List<Integer> l) {
        return l.toString().replace(" ", "");
    }

    private static String details(Request.AllocDetails d) {
        return "AllocDetails " + d.requiredNodes() + " "
                + (d.groupName() == null ? "Nothing" : "(Just " + Hs.showString(d.groupName()) + ")");
    }

    public static String show(Request r) {
        switch (r.type) {
            case ALLOCATE: {
                Request.AllocDetails d = r.allocs.get(0);
                return "Allocate (" + instance(d.inst(), r.nicNetworks.get(d.inst().name)) + ") (" + details(d)
                        + ") " + (r.restrictToNodes == null ? "Nothing" : "(Just " + strings(r.restrictToNodes)
                        + ")");
            }
            case RELOCATE:
                return "Relocate " + r.instIdx + " " + r.relocRequired + " " + ints(r.relocateFrom);
            case CHANGE_GROUP:
                return "ChangeGroup " + ints(r.targetGroups) + " " + ints(r.instances);
            case NODE_EVACUATE:
                return "NodeEvacuate " + ints(r.instances) + " " + switch (r.evacMode) {
                    case CHANGE_PRIMARY -> "ChangePrimary";
                    case CHANGE_SECONDARY -> "ChangeSecondary";
                    case CHANGE_ALL -> "ChangeAll";
                };
            case MULTI_ALLOCATE:
                return "MultiAllocate [" + r.allocs.stream()
                        .map(d -> "(" + instance(d.inst(), r.nicNetworks.get(d.inst().name)) + "," + details(d)
                                + ")").collect(Collectors.joining(",")) + "]";
            default:
                return "AllocateSecondary " + r.instIdx;
        }
    }
}
