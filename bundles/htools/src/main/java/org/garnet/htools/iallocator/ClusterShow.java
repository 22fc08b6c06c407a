package org.garnet.htools.iallocator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.garnet.htools.loader.Hs;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.Fmt;
import org.garnet.htools.model.Group;
import org.garnet.htools.model.IdxList;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/** Haskell {@code show} of the cluster data, as {@code hail -v -v} prints it ("Received cluster data: ..."). */
public final class ClusterShow {
    private ClusterShow() {
    }

    private static String d(double x) {
        return Fmt.showDouble(x);
    }

    private static String b(boolean x) {
        return x ? "True" : "False";
    }

    private static String util(double[] u) {
        return "DynUtil {cpuWeight = " + d(u[0]) + ", memWeight = " + d(u[1]) + ", dskWeight = " + d(u[2])
                + ", netWeight = " + d(u[3]) + "}";
    }

    private static String idx(IdxList l) {
        return l.toString();
    }

    private static String set(java.util.Collection<String> s) {
        return "fromList " + Hs.showList(new ArrayList<>(new java.util.TreeSet<>(s)));
    }

    private static String tagMap(Map<String, Integer> m) {
        List<String> r = new ArrayList<>();
        new java.util.TreeMap<>(m).forEach((k, v) -> r.add("(" + Hs.showString(k) + "," + v + ")"));
        return "fromList [" + String.join(",", r) + "]";
    }

    public static String group(Group g) {
        return "Group {name = " + Hs.showString(g.name) + ", uuid = " + Hs.showString(g.uuid) + ", idx = " + g.idx
                + ", allocPolicy = " + switch (g.allocPolicy) {
                    case PREFERRED -> "AllocPreferred";
                    case LAST_RESORT -> "AllocLastResort";
                    case UNALLOCABLE -> "AllocUnallocable";
                } + ", networks = " + Hs.showList(g.networks) + ", iPolicy = " + g.ipolicy.show() + ", allTags = "
                + Hs.showList(g.tags) + "}";
    }

    static String node(Node n) {
        return "Node {name = " + Hs.showString(n.name) + ", alias = " + Hs.showString(n.alias) + ", tMem = "
                + d(n.tMem) + ", nMem = " + n.nMem + ", iMem = " + n.iMem + ", fMem = " + n.fMem + ", fMemForth = "
                + n.fMemForth + ", xMem = " + n.xMem + ", tDsk = " + d(n.tDsk) + ", fDsk = " + n.fDsk
                + ", fDskForth = " + n.fDskForth + ", tCpu = " + d(n.tCpu) + ", tCpuSpeed = " + d(n.tCpuSpeed)
                + ", nCpu = " + n.nCpu + ", uCpu = " + n.uCpu + ", uCpuForth = " + n.uCpuForth + ", tSpindles = "
                + n.tSpindles + ", fSpindles = " + n.fSpindles + ", fSpindlesForth = " + n.fSpindlesForth
                + ", pList = " + idx(n.pList) + ", pListForth = " + idx(n.pListForth) + ", sList = " + idx(n.sList)
                + ", sListForth = " + idx(n.sListForth) + ", idx = " + n.idx + ", peers = " + n.peers
                + ", failN1 = " + b(n.failN1) + ", failN1Forth = " + b(n.failN1Forth) + ", rMem = " + n.rMem
                + ", rMemForth = " + n.rMemForth + ", pMem = " + d(n.pMem) + ", pMemForth = " + d(n.pMemForth)
                + ", pDsk = " + d(n.pDsk) + ", pDskForth = " + d(n.pDskForth) + ", pRem = " + d(n.pRem)
                + ", pRemForth = " + d(n.pRemForth) + ", pCpu = " + d(n.pCpu) + ", pCpuForth = " + d(n.pCpuForth)
                + ", mDsk = " + d(n.mDsk) + ", loDsk = " + n.loDsk + ", hiCpu = " + n.hiCpu + ", hiSpindles = "
                + d(n.hiSpindles) + ", instSpindles = " + d(n.instSpindles) + ", instSpindlesForth = "
                + d(n.instSpindlesForth) + ", offline = " + b(n.offline) + ", isMaster = " + b(n.isMaster)
                + ", nTags = " + Hs.showList(n.nTags) + ", utilPool = " + util(n.utilPool) + ", utilLoad = "
                + util(n.utilLoad) + ", utilLoadForth = " + util(n.utilLoadForth) + ", pTags = " + tagMap(n.pTags)
                + ", group = " + n.group + ", iPolicy = " + n.iPolicy.show() + ", exclStorage = " + b(n.exclStorage)
                + ", migTags = " + set(n.migTags) + ", rmigTags = " + set(n.rmigTags) + ", locationTags = "
                + set(n.locationTags) + ", locationScore = " + n.locationScore + ", instanceMap = fromList []}";
    }

    public static String show(ClusterData cd, Map<String, List<String>> nets) {
        List<String> gs = new ArrayList<>();
        cd.groups.forEach(g -> gs.add("(" + g.idx + "," + group(g) + ")"));
        List<String> ns = new ArrayList<>();
        cd.nodes.forEach(n -> ns.add("(" + n.idx + "," + node(n) + ")"));
        List<String> is = new ArrayList<>();
        for (Instance i : cd.instances) {
            is.add("(" + i.idx + "," + RequestShow.instance(i, nets.get(i.name)) + ")");
        }
        return "ClusterData {cdGroups = fromList [" + String.join(",", gs) + "], cdNodes = fromList ["
                + String.join(",", ns) + "], cdInstances = fromList [" + String.join(",", is) + "], cdTags = "
                + Hs.showList(cd.tags) + ", cdIPolicy = " + cd.ipolicy.show() + "}";
    }
}
