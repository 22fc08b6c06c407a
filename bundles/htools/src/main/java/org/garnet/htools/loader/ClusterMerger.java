package org.garnet.htools.loader;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/**
 * Completes freshly parsed cluster data as Ganeti's Loader does: tags, aliases, placement of instances on their
 * nodes, peer maps, policies, then the memory bookkeeping ({@link #updateMissing}).
 */
public final class ClusterMerger {
    public static final String EX_TAGS_PREFIX = "htools:iextags:";
    public static final String LOCATION_PREFIX = "htools:nlocation:";
    public static final String DESIRED_LOCATION_PREFIX = "htools:desiredlocation:";
    public static final String MIGRATION_PREFIX = "htools:migration:";
    public static final String ALLOW_MIGRATION_PREFIX = "htools:allowmigration:";

    private ClusterMerger() {
    }

    /** Resolves a user-given name: exact, or the unique name it is a dotted prefix of. */
    public static String lookupName(List<String> names, String want) {
        if (names.contains(want)) {
            return want;
        }
        String found = null;
        for (String n : names) {
            if (n.startsWith(want + ".")) {
                if (found != null) {
                    return null;
                }
                found = n;
            }
        }
        return found;
    }

    static List<String> withPrefix(List<String> tags, String prefix) {
        List<String> r = new ArrayList<>();
        for (String t : tags) {
            if (t.startsWith(prefix) && t.length() > prefix.length()) {
                r.add(t.substring(prefix.length()));
            }
        }
        return r;
    }

    static Set<String> getTags(String prefix, List<String> ctags, List<String> ntags) {
        Set<String> r = new TreeSet<>();
        for (String t : ctags) {
            if (t.startsWith(prefix)) {
                String p = t.substring(prefix.length()) + ":";
                for (String nt : ntags) {
                    if (nt.startsWith(p)) {
                        r.add(nt);
                    }
                }
            }
        }
        return r;
    }

    /** The longest ".suffix" common to all names, or "". */
    public static String commonSuffix(List<Node> nl, List<Instance> il) {
        List<String> names = new ArrayList<>();
        nl.forEach(n -> names.add(n.name));
        il.forEach(i -> names.add(i.name));
        if (names.isEmpty()) {
            return "";
        }
        String first = names.get(0);
        String best = "";
        for (int k = first.length() - 1; k >= 0; k--) {
            if (first.charAt(k) != '.') {
                continue;
            }
            String suf = first.substring(k);
            boolean all = true;
            for (int j = 1; j < names.size() && all; j++) {
                all = names.get(j).endsWith(suf);
            }
            if (all) {
                best = suf;
            }
        }
        return best;
    }

    public static ClusterData merge(ClusterData cd, List<String> exTags, List<String> selInsts,
            List<String> exInsts) throws HtoolsException {
        List<Instance> il = new ArrayList<>();
        for (Instance i : cd.instances) {
            il.add(i.copy());
        }
        List<String> allExTags = new ArrayList<>(exTags);
        allExTags.addAll(withPrefix(cd.tags, EX_TAGS_PREFIX));
        List<String> dsrd = withPrefix(cd.tags, DESIRED_LOCATION_PREFIX);
        List<String> instNames = new ArrayList<>();
        il.forEach(i -> instNames.add(i.name));
        List<String> unknown = new ArrayList<>();
        Set<String> sel = new HashSet<>();
        Set<String> ex = new HashSet<>();
        for (String s : selInsts) {
            String r = lookupName(instNames, s);
            if (r == null) {
                unknown.add(s);
            } else {
                sel.add(r);
            }
        }
        for (String s : exInsts) {
            String r = lookupName(instNames, s);
            if (r == null) {
                unknown.add(s);
            } else {
                ex.add(r);
            }
        }
        List<Node> nlIn = cd.nodes;
        String suffix = commonSuffix(nlIn, il);
        for (Instance i : il) {
            if (ex.contains(i.name) || !(selInsts.isEmpty() || sel.contains(i.name))) {
                i.movable = false;
            }
            i.dsrdLocTags = new TreeSet<>();
            for (String t : i.allTags) {
                for (String p : dsrd) {
                    if (t.startsWith(p)) {
                        i.dsrdLocTags.add(t);
                        break;
                    }
                }
            }
            List<String> et = new ArrayList<>();
            for (String t : i.allTags) {
                for (String p : allExTags) {
                    if (t.startsWith(p)) {
                        et.add(t);
                        break;
                    }
                }
            }
            i.exclTags = et;
            i.alias = alias(i.name, suffix);
        }
        List<Node> nl = new ArrayList<>();
        for (Node n : nlIn) {
            Node c = n.copy();
            c.locationTags = getTags(LOCATION_PREFIX, cd.tags, n.nTags);
            nl.add(c);
        }
        for (Instance i : il) {
            Node p = nl.get(i.pNode);
            i.locationScore = 0;
            if (i.sNode >= 0) {
                Node s = nl.get(i.sNode);
                int c = 0;
                for (String t : p.locationTags) {
                    if (s.locationTags.contains(t)) {
                        c++;
                    }
                }
                i.locationScore = c;
            }
        }
        for (Instance i : il) {
            nl.set(i.pNode, nl.get(i.pNode).setPri(i));
            if (i.sNode >= 0) {
                nl.set(i.sNode, nl.get(i.sNode).setSec(i));
            }
        }
        List<Node> nl4 = new ArrayList<>();
        for (Node n : nl) {
            Node c = n.buildPeers(il);
            c.alias = alias(c.name, suffix);
            c.setPolicy(cd.groups.get(c.group).ipolicy);
            c.migTags = getTags(MIGRATION_PREFIX, cd.tags, c.nTags);
            c.rmigTags = recvMigTags(cd.tags, c.migTags);
            nl4.add(c);
        }
        for (Instance i : il) {
            if (i.sNode >= 0 && nl.get(i.pNode).group != nl.get(i.sNode).group) {
                i.movable = false;
            }
        }
        if (!unknown.isEmpty()) {
            throw new HtoolsException("Unknown instance(s): " + Hs.showList(unknown));
        }
        return cd.withState(nl4, il);
    }

    private static Set<String> recvMigTags(List<String> ctags, Set<String> mig) {
        List<String[]> migs = new ArrayList<>();
        for (String t : ctags) {
            if (t.startsWith(ALLOW_MIGRATION_PREFIX)) {
                String rest = t.substring(ALLOW_MIGRATION_PREFIX.length());
                int k = rest.indexOf("::");
                if (k >= 0) {
                    migs.add(new String[] {rest.substring(0, k), rest.substring(k + 2)});
                }
            }
        }
        Set<String> r = new TreeSet<>();
        for (String tag : mig) {
            r.add(tag);
            for (String[] m : migs) {
                if (m[1].equals(tag)) {
                    r.add(m[0]);
                }
            }
        }
        return r;
    }

    static String alias(String name, String suffix) {
        return !suffix.isEmpty() && name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
    }

    /** Computes instance memory, unaccounted memory and N+1 state; returns the "missing resources" warnings. */
    public static List<String> updateMissing(List<Node> nl, List<Instance> il) {
        List<String> msgs = new ArrayList<>();
        for (int k = 0; k < nl.size(); k++) {
            Node node = nl.get(k);
            Node n = node.copy();
            int imem = 0;
            int idsk = 0;
            for (int j = 0; j < n.pList.size(); j++) {
                Instance i = il.get(n.pList.get(j));
                if (i.usesMemory()) {
                    imem += i.mem;
                }
                idsk += i.dsk;
            }
            for (int j = 0; j < n.sList.size(); j++) {
                idsk += il.get(n.sList.get(j)).dsk;
            }
            n.iMem = imem;
            n.xMem = n.missingMem();
            n.pMem = n.unallocatedMem() / n.tMem;
            int deltaMem = n.xMem;
            int deltaDsk = (int) node.tDsk - node.fDsk - idsk;
            if (deltaMem > 512 || deltaDsk > 1024) {
                msgs.add(0, "node " + n.name + " is missing " + deltaMem + " MB ram and "
                        + Math.floorDiv(deltaDsk, 1024) + " GB disk");
            }
            nl.set(k, n);
        }
        return msgs;
    }
}
