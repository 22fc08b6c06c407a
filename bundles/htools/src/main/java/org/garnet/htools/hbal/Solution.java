package org.garnet.htools.hbal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.garnet.htools.model.Fmt;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/** Text of a solution: step lines, the gnt-instance commands and their grouping in job sets (Ganeti's formats). */
public final class Solution {
    private Solution() {
    }

    /** Move description ("f", "r:node", ...) and commands, like Ganeti's computeMoves. */
    static String[] describe(Instance inst, String iname, IMove mv, String npri, String nsec, List<String> cmds) {
        String morf = inst.isRunning() ? "migrate" : "failover";
        String mig = morf + " -f " + iname;
        switch (mv.kind()) {
            case FAILOVER:
                cmds.add(mig);
                return new String[] {"f"};
            case FAILOVER_TO_ANY:
                cmds.add(morf + " -f -n " + npri + " " + iname);
                return new String[] {"fa:" + npri};
            case FAILOVER_AND_REPLACE:
                cmds.add(mig);
                cmds.add(rep(nsec, iname));
                return new String[] {"f r:" + nsec};
            case REPLACE_SECONDARY:
                cmds.add(rep(nsec, iname));
                return new String[] {"r:" + nsec};
            case REPLACE_AND_FAILOVER:
                cmds.add(rep(npri, iname));
                cmds.add(mig);
                return new String[] {"r:" + npri + " f"};
            case REPLACE_PRIMARY:
                cmds.add(mig);
                cmds.add(rep(npri, iname));
                cmds.add(mig);
                return new String[] {"f r:" + npri + " f"};
            default:
                throw new IllegalStateException();
        }
    }

    private static String rep(String n, String iname) {
        return "replace-disks -n " + n + " " + iname;
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    /** The step line (printSolutionLine) for placement {@code plc} at 1-based position {@code pos}. */
    static String line(Node[] nl, Instance[] il, int nmlen, int imlen, Placement plc, int pos, List<String> cmds) {
        int pmlen = 2 * nmlen + 1;
        Instance inst = il[plc.inst()];
        String inam = inst.alias;
        String npri = nl[plc.pdx()].alias;
        String nsec = plc.sdx() >= 0 ? nl[plc.sdx()].alias : "";
        String opri = nl[inst.pNode].alias;
        String ostr = inst.sNode < 0 ? opri : opri + ":" + nl[inst.sNode].alias;
        String nstr = plc.sdx() < 0 ? npri : npri + ":" + nsec;
        String moves = describe(inst, inam, plc.move(), npri, nsec, cmds)[0];
        return "  " + Fmt.pad(pos, 3) + ". " + pad(inam, imlen) + " " + pad(ostr, pmlen) + " => " + pad(nstr, pmlen)
                + " " + Fmt.fixed(plc.score(), 12, 8) + " a=" + moves;
    }

    /** Ganeti's involvedNodes: new nodes then the instance's old nodes, non-negative, without duplicates. */
    static List<Integer> involvedNodes(Instance oldInst, Placement plc) {
        Set<Integer> s = new LinkedHashSet<>();
        for (int n : new int[] {plc.pdx(), plc.sdx()}) {
            if (n >= 0) {
                s.add(n);
            }
        }
        for (int n : oldInst.allNodes()) {
            if (n >= 0) {
                s.add(n);
            }
        }
        return new ArrayList<>(s);
    }

    /** Ganeti's splitJobs over the jobs in execution order: job sets of moves on disjoint nodes. */
    public static List<List<MoveJob>> splitJobs(List<MoveJob> jobsInOrder) {
        List<List<MoveJob>> sets = new ArrayList<>();
        Set<Integer> buf = new java.util.HashSet<>();
        // Ganeti folds over the newest-first list, so a job set is closed when an *older* job conflicts with it.
        for (int k = jobsInOrder.size() - 1; k >= 0; k--) {
            MoveJob j = jobsInOrder.get(k);
            boolean disjoint = !sets.isEmpty();
            if (disjoint) {
                for (int n : j.nodes()) {
                    if (buf.contains(n)) {
                        disjoint = false;
                        break;
                    }
                }
            }
            if (disjoint) {
                sets.get(0).add(0, j);
                buf.addAll(j.nodes());
            } else {
                List<MoveJob> ns = new ArrayList<>();
                ns.add(j);
                sets.add(0, ns);
                buf = new java.util.HashSet<>(j.nodes());
            }
        }
        return sets;
    }

    /** Ganeti's formatCmds. */
    public static String formatCmds(List<List<MoveJob>> sets) {
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < sets.size(); s++) {
            List<MoveJob> js = sets.get(s);
            for (int j = 0; j < js.size(); j++) {
                if (j == 0) {
                    b.append('\n').append("echo jobset ").append(s + 1).append(", ").append(js.size())
                            .append(" jobs\n");
                }
                b.append("  echo job ").append(s + 1).append('/').append(j + 1).append('\n');
                b.append("  check\n");
                for (String c : js.get(j).cmds()) {
                    b.append("  gnt-instance ").append(c).append('\n');
                }
            }
        }
        return b.toString();
    }

    public static final String SH_TEMPLATE = "#!/bin/sh\n\n# Auto-generated script for executing cluster rebalancing\n\n"
            + "# To stop, touch the file /tmp/stop-htools\n\nset -e\n\ncheck() {\n"
            + "  if [ -f /tmp/stop-htools ]; then\n    echo 'Stop requested, exiting'\n    exit 0\n  fi\n}\n\n";
}
