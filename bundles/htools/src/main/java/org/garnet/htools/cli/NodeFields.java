package org.garnet.htools.cli;

import java.util.Map;
import java.util.stream.Collectors;

import org.garnet.htools.model.Fmt;
import org.garnet.htools.model.Node;

/** The node list columns of {@code -p} (Ganeti's Node.showField / showHeader). */
final class NodeFields {
    private NodeFields() {
    }

    /** Header name and, when numeric, a non-null second element. */
    static String[] header(String f) {
        return switch (f) {
            case "idx" -> new String[] {"Index", "n"};
            case "name", "fqdn" -> new String[] {"Name", null};
            case "status" -> new String[] {"F", null};
            case "tmem" -> new String[] {"t_mem", "n"};
            case "nmem" -> new String[] {"n_mem", "n"};
            case "xmem" -> new String[] {"x_mem", "n"};
            case "fmem" -> new String[] {"f_mem", "n"};
            case "umem" -> new String[] {"u_mem", "n"};
            case "amem" -> new String[] {"a_mem", "n"};
            case "imem" -> new String[] {"i_mem", "n"};
            case "rmem" -> new String[] {"r_mem", "n"};
            case "tdsk" -> new String[] {"t_dsk", "n"};
            case "fdsk" -> new String[] {"f_dsk", "n"};
            case "tcpu" -> new String[] {"pcpu", "n"};
            case "ucpu" -> new String[] {"vcpu", "n"};
            case "pcnt" -> new String[] {"pcnt", "n"};
            case "scnt" -> new String[] {"scnt", "n"};
            case "plist" -> new String[] {"primaries", "n"};
            case "slist" -> new String[] {"secondaries", "n"};
            case "pfmem" -> new String[] {"p_fmem", "n"};
            case "pfdsk" -> new String[] {"p_fdsk", "n"};
            case "rcpu" -> new String[] {"r_cpu", "n"};
            case "cload" -> new String[] {"lCpu", "n"};
            case "mload" -> new String[] {"lMem", "n"};
            case "dload" -> new String[] {"lDsk", "n"};
            case "nload" -> new String[] {"lNet", "n"};
            case "ptags" -> new String[] {"PrimaryTags", null};
            case "peermap" -> new String[] {"PeerMap", null};
            case "spindle_count" -> new String[] {"NodeSpindles", "n"};
            case "hi_spindles" -> new String[] {"MaxSpindles", "n"};
            case "inst_spindles" -> new String[] {"InstSpindles", "n"};
            default -> new String[] {"<unknown field>", null};
        };
    }

    static String show(Node t, String f) {
        return switch (f) {
            case "idx" -> Fmt.pad(t.idx, 4);
            case "name" -> t.alias;
            case "fqdn" -> t.name;
            case "status" -> t.offline ? "-" : t.failN1 ? "*" : " ";
            case "tmem" -> Fmt.fixed(t.tMem, 5, 0);
            case "nmem" -> Fmt.pad(t.nMem, 5);
            case "xmem" -> Fmt.pad(t.xMem, 5);
            case "fmem" -> Fmt.pad(t.fMem, 5);
            case "umem" -> Fmt.pad(t.unallocatedMem(), 5);
            case "imem" -> Fmt.pad(t.iMem, 5);
            case "rmem" -> Fmt.pad(t.rMem, 5);
            case "amem" -> Fmt.pad(t.availMem(), 5);
            case "tdsk" -> Fmt.fixed(t.tDsk / 1024, 5, 0);
            case "fdsk" -> Fmt.pad(Math.floorDiv(t.fDsk, 1024), 5);
            case "tcpu" -> Fmt.fixed(t.tCpu, 4, 0);
            case "ucpu" -> Fmt.pad(t.uCpu, 4);
            case "pcnt" -> Fmt.pad(t.pList.size(), 3);
            case "scnt" -> Fmt.pad(t.sList.size(), 3);
            case "plist" -> t.pList.toString();
            case "slist" -> t.sList.toString();
            case "pfmem" -> Fmt.fixed(t.pMem, 6, 4);
            case "pfdsk" -> Fmt.fixed(t.pDsk, 6, 4);
            case "rcpu" -> Fmt.fixed(t.pCpu, 5, 2);
            case "cload" -> Fmt.fixed(t.utilLoad[0], 5, 3);
            case "mload" -> Fmt.fixed(t.utilLoad[1], 5, 3);
            case "dload" -> Fmt.fixed(t.utilLoad[2], 5, 3);
            case "nload" -> Fmt.fixed(t.utilLoad[3], 5, 3);
            case "ptags" -> t.pTags.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
            case "peermap" -> t.peers.toString();
            case "spindle_count" -> Integer.toString(t.tSpindles);
            case "hi_spindles" -> Fmt.showDouble(t.hiSpindles);
            case "inst_spindles" -> Fmt.showDouble(t.instSpindles);
            default -> "<unknown field>";
        };
    }
}
