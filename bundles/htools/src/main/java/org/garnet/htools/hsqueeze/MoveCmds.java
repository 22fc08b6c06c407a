package org.garnet.htools.hsqueeze;

import java.util.ArrayList;
import java.util.List;

import org.garnet.htools.hbal.IMove;
import org.garnet.htools.model.Instance;

/** The gnt-instance commands (without the prefix) carrying out one balancing move, named by the instance name. */
final class MoveCmds {
    private MoveCmds() {
    }

    static List<String> of(Instance inst, IMove mv, String npri, String nsec) {
        String morf = inst.isRunning() ? "migrate" : "failover";
        String name = inst.name;
        String mig = morf + " -f " + name;
        List<String> c = new ArrayList<>();
        switch (mv.kind()) {
            case FAILOVER -> c.add(mig);
            case FAILOVER_TO_ANY -> c.add(morf + " -f -n " + npri + " " + name);
            case FAILOVER_AND_REPLACE -> {
                c.add(mig);
                c.add(replace(nsec, name));
            }
            case REPLACE_SECONDARY -> c.add(replace(nsec, name));
            case REPLACE_AND_FAILOVER -> {
                c.add(replace(npri, name));
                c.add(mig);
            }
            case REPLACE_PRIMARY -> {
                c.add(mig);
                c.add(replace(npri, name));
                c.add(mig);
            }
            default -> throw new IllegalStateException(mv.kind().toString());
        }
        return c;
    }

    private static String replace(String node, String name) {
        return "replace-disks -n " + node + " " + name;
    }
}
