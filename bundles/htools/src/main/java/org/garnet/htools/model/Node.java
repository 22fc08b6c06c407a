package org.garnet.htools.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A node with Ganeti's resource accounting. Operations ({@link #addPri}, {@link #removeSec}, ...) never modify the
 * receiver: they return a modified copy, or a failure sentinel whose {@link #fail} is set.
 */
public final class Node implements Cloneable {
    private static final Node[] FAILS = new Node[FailMode.values().length];

    static {
        for (FailMode f : FailMode.values()) {
            Node n = new Node();
            n.fail = f;
            FAILS[f.ordinal()] = n;
        }
    }

    /** Non-null only on the failure sentinels returned by the add operations. */
    public FailMode fail;

    public String name;
    public String alias;
    public double tMem;
    public int nMem;
    public int iMem;
    public int fMem;
    public int fMemForth;
    public int xMem;
    public double tDsk;
    public int fDsk;
    public int fDskForth;
    public double tCpu;
    public double tCpuSpeed = 1;
    public int nCpu;
    public int uCpu;
    public int uCpuForth;
    public int tSpindles;
    public int fSpindles;
    public int fSpindlesForth;
    public IdxList pList = IdxList.EMPTY;
    public IdxList pListForth = IdxList.EMPTY;
    public IdxList sList = IdxList.EMPTY;
    public IdxList sListForth = IdxList.EMPTY;
    public int idx = -1;
    public PeerMap peers = PeerMap.EMPTY;
    public boolean failN1 = true;
    public boolean failN1Forth = true;
    public int rMem;
    public int rMemForth;
    public double pMem;
    public double pMemForth;
    public double pDsk;
    public double pDskForth;
    public double pRem;
    public double pRemForth;
    public double pCpu;
    public double pCpuForth;
    public double mDsk;
    public int loDsk;
    public int hiCpu;
    public double hiSpindles;
    public double instSpindles;
    public double instSpindlesForth;
    public boolean offline;
    public boolean isMaster;
    public List<String> nTags = List.of();
    public double[] utilPool = {1, 1, 1, 1};
    public double[] utilLoad = {0, 0, 0, 0};
    public double[] utilLoadForth = {0, 0, 0, 0};
    public Map<String, Integer> pTags = Collections.emptyMap();
    public int group;
    public IPolicy iPolicy = IPolicy.DEFAULT;
    public boolean exclStorage;
    public Set<String> migTags = Set.of();
    public Set<String> rmigTags = Set.of();
    public Set<String> locationTags = Set.of();
    public int locationScore;
    /** (location, exclusion tag) pairs of primary instances, keyed "loc\u0000tag". */
    public Map<String, Integer> instanceMap = Collections.emptyMap();
    /** Facts the algorithms derived from this exact node object (never carried over to copies). */
    public Object memo;

    private Node() {
    }

    public static Node failure(FailMode f) {
        return FAILS[f.ordinal()];
    }

    public boolean failed() {
        return fail != null;
    }

    public static Node create(String name, double tMem, int nMem, int fMem, double tDsk, int fDsk, double tCpu,
            int nCpu, boolean offline, int tSpindles, int fSpindles, int group, boolean exclStorage) {
        Node n = new Node();
        n.name = name;
        n.alias = name;
        n.tMem = tMem;
        n.nMem = nMem;
        n.fMem = fMem;
        n.fMemForth = fMem;
        n.tDsk = tDsk;
        n.fDsk = fDsk;
        n.fDskForth = fDsk;
        n.tCpu = tCpu;
        n.nCpu = nCpu;
        n.uCpu = nCpu;
        n.uCpuForth = nCpu;
        n.tSpindles = tSpindles;
        n.fSpindles = fSpindles;
        n.fSpindlesForth = fSpindles;
        n.pMemForth = fMem / tMem;
        n.pDsk = exclStorage ? computePDsk(fSpindles, tSpindles) : computePDsk(fDsk, tDsk);
        n.pDskForth = n.pDsk;
        n.pCpu = nCpu / tCpu;
        n.pCpuForth = n.pCpu;
        n.offline = offline;
        n.mDsk = 0;
        n.loDsk = (int) Math.floor(0 * tDsk);
        n.hiCpu = (int) Math.floor(IPolicy.DEFAULT.vcpuRatio() * tCpu);
        n.hiSpindles = IPolicy.DEFAULT.spindleRatio() * tSpindles;
        n.group = group;
        n.exclStorage = exclStorage;
        return n;
    }

    public Node copy() {
        try {
            Node c = (Node) super.clone();
            c.memo = null;
            return c;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    // ---- simple setters used by the loaders -------------------------------------------------------------------

    public void setMdsk(double val) {
        mDsk = val;
        loDsk = (int) Math.floor(val * tDsk);
    }

    public void setMcpu(double val) {
        iPolicy = iPolicy.withVcpuRatio(val);
        hiCpu = (int) Math.floor(val * tCpu);
    }

    public void setPolicy(IPolicy pol) {
        iPolicy = pol;
        hiCpu = (int) Math.floor(pol.vcpuRatio() * tCpu);
        hiSpindles = pol.spindleRatio() * tSpindles;
    }

    // ---- derived values ---------------------------------------------------------------------------------------

    public double pCpuEff() {
        return pCpu / tCpuSpeed;
    }

    public double pCpuEffForth() {
        return pCpuForth / tCpuSpeed;
    }

    public int recordedFreeMem() {
        return (int) tMem - nMem - iMem;
    }

    public int missingMem() {
        return recordedFreeMem() - fMem;
    }

    public int unallocatedMem() {
        return recordedFreeMem() - Math.max(0, xMem);
    }

    public int availMem() {
        return Math.max(0, unallocatedMem() - rMem);
    }

    public int availDisk() {
        return fDsk < loDsk ? 0 : fDsk - loDsk;
    }

    public int availCpu() {
        return hiCpu >= uCpu ? hiCpu - uCpu : 0;
    }

    public int iDsk() {
        return (int) tDsk - fDsk;
    }

    public int conflictingPrimaries() {
        int sum = 0;
        for (int v : pTags.values()) {
            sum += v;
        }
        return sum - pTags.size();
    }

    static double computePDsk(int free, double total) {
        return total == 0 ? 1 : free / total;
    }

    private double computeNewPDsk(int newFreeSp, int newFreeDsk) {
        return exclStorage ? computePDsk(newFreeSp, tSpindles) : computePDsk(newFreeDsk, tDsk);
    }

    private double spindleUse(boolean add, double base, Instance i) {
        if (exclStorage) {
            return 0.0;
        }
        if (!i.usesLocalStorage()) {
            return base;
        }
        return add ? base + i.spindleUse : base - i.spindleUse;
    }

    private int newFreeSpindles(boolean add, int base, Instance i) {
        if (!exclStorage) {
            return 0;
        }
        Integer s = i.totalSpindles();
        if (s == null) {
            return add ? -1 : base;
        }
        return add ? base - s : base + s;
    }

    // ---- loading-time placement (no checks) ---------------------------------------------------------------------

    private void forthFieldsPri(Instance inst, int newCountForth) {
        pTags = NodeAccounting.addTags(pTags, inst.exclTags);
        pListForth = pListForth.cons(inst.idx);
        uCpuForth = newCountForth;
        pCpuForth = newCountForth / tCpu;
        utilLoadForth = NodeAccounting.addUtil(utilLoadForth, inst.util);
        fMemForth = inst.usesMemory() ? fMemForth : fMemForth - inst.mem;
        pMemForth = fMemForth / tMem;
        instSpindlesForth = spindleUse(true, instSpindlesForth, inst);
    }

    private void forthOnlyDisk(Instance inst) {
        fDskForth = inst.usesLocalStorage() ? fDskForth - inst.dsk : fDskForth;
        int sp = newFreeSpindles(true, fSpindlesForth, inst);
        pDskForth = computeNewPDsk(sp, fDskForth);
        fSpindlesForth = sp;
    }

    /** Records a loaded primary instance (no capacity checks). */
    public Node setPri(Instance inst) {
        Node t = copy();
        int newCountForth = inst.notOffline() ? uCpuForth + inst.vcpus : uCpuForth;
        if (!inst.forthcoming) {
            int newCount = inst.notOffline() ? uCpu + inst.vcpus : uCpu;
            t.pList = pList.cons(inst.idx);
            t.uCpu = newCount;
            t.pCpu = newCount / tCpu;
            t.utilLoad = NodeAccounting.addUtil(utilLoad, inst.util);
            t.instSpindles = spindleUse(true, instSpindles, inst);
            t.locationScore = locationScore + inst.locationScore + NodeAccounting.dsrdLocScore(locationTags, inst);
            t.instanceMap = NodeAccounting.addTags(instanceMap, NodeAccounting.exclusionPairs(locationTags, inst));
            t.forthFieldsPri(inst, newCountForth);
        } else {
            t.forthFieldsPri(inst, newCountForth);
            t.forthOnlyDisk(inst);
        }
        return t;
    }

    /** Records a loaded secondary instance (no capacity checks). */
    public Node setSec(Instance inst) {
        Node t = copy();
        if (!inst.forthcoming) {
            t.sList = sList.cons(inst.idx);
            t.utilLoad = NodeAccounting.addDsk(utilLoad, inst.util[2]);
            t.instSpindles = spindleUse(true, instSpindles, inst);
        }
        t.sListForth = t.sListForth.cons(inst.idx);
        t.utilLoadForth = NodeAccounting.addDsk(t.utilLoadForth, inst.util[2]);
        t.instSpindlesForth = t.spindleUse(true, t.instSpindlesForth, inst);
        if (inst.forthcoming) {
            t.forthOnlyDisk(inst);
        }
        return t;
    }

    /** Computes the peer map from the secondary instances (instances indexed by idx). */
    public Node buildPeers(List<Instance> il) {
        Node t = copy();
        PeerMap pm = PeerMap.EMPTY;
        for (int k = sList.size() - 1; k >= 0; k--) {
            Instance inst = il.get(sList.get(k));
            int mem = inst.usesSecMem() && !inst.forthcoming ? inst.mem : 0;
            pm = pm.addWith(inst.pNode, mem);
        }
        t.peers = pm;
        t.rMem = pm.maxElem();
        t.failN1 = fMem < t.rMem;
        t.pRem = t.rMem / tMem;
        return t;
    }

    public String getPolicyHealthError() {
        if (instSpindles > hiSpindles) {
            return "FailDisk";
        }
        if (pCpu > iPolicy.vcpuRatio()) {
            return "FailCPU";
        }
        return null;
    }

    // ---- removal ----------------------------------------------------------------------------------------------

    private void forthRemovePri(Node t, Instance inst) {
        boolean usesDisk = inst.usesLocalStorage();
        pTags = NodeAccounting.delTags(t.pTags, inst.exclTags);
        pListForth = pListForth.delete(inst.idx);
        fMemForth = fMemForth + inst.mem;
        fDskForth = usesDisk ? fDskForth + inst.dsk : fDskForth;
        int sp = newFreeSpindles(false, fSpindlesForth, inst);
        instSpindlesForth = spindleUse(false, instSpindlesForth, inst);
        pMemForth = fMemForth / tMem;
        pDskForth = computeNewPDsk(sp, fDskForth);
        uCpuForth = inst.notOffline() ? uCpuForth - inst.vcpus : uCpuForth;
        pCpuForth = uCpuForth / tCpu;
        utilLoadForth = NodeAccounting.subUtil(utilLoadForth, inst.util);
        fSpindlesForth = sp;
    }

    public Node removePri(Instance inst) {
        Node n = copy();
        if (!inst.forthcoming) {
            boolean usesDisk = inst.usesLocalStorage();
            n.pList = pList.delete(inst.idx);
            n.iMem = inst.usesMemory() ? iMem - inst.mem : iMem;
            int newFree = n.unallocatedMem();
            n.pMem = newFree / tMem;
            n.failN1 = newFree <= rMem;
            n.fDsk = usesDisk ? fDsk + inst.dsk : fDsk;
            n.fSpindles = newFreeSpindles(false, fSpindles, inst);
            n.instSpindles = spindleUse(false, instSpindles, inst);
            n.pDsk = computeNewPDsk(n.fSpindles, n.fDsk);
            n.uCpu = inst.notOffline() ? uCpu - inst.vcpus : uCpu;
            n.pCpu = n.uCpu / tCpu;
            n.utilLoad = NodeAccounting.subUtil(utilLoad, inst.util);
            n.locationScore = locationScore - inst.locationScore - NodeAccounting.dsrdLocScore(locationTags, inst);
            n.instanceMap = NodeAccounting.delTags(instanceMap, NodeAccounting.exclusionPairs(locationTags, inst));
        }
        n.forthRemovePri(this, inst);
        return n;
    }

    public Node removeSec(Instance inst) {
        Node n = copy();
        boolean usesDisk = inst.usesLocalStorage();
        if (!inst.forthcoming) {
            n.sList = sList.delete(inst.idx);
            n.fDsk = usesDisk ? fDsk + inst.dsk : fDsk;
            n.fSpindles = newFreeSpindles(false, fSpindles, inst);
            n.instSpindles = spindleUse(false, instSpindles, inst);
            int oldPeem = peers.find(inst.pNode);
            int newPeem = inst.usesSecMem() ? oldPeem - inst.mem : oldPeem;
            n.peers = newPeem > 0 ? peers.add(inst.pNode, newPeem) : peers.remove(inst.pNode);
            n.rMem = oldPeem < rMem ? rMem : n.peers.maxElem();
            n.pRem = n.rMem / tMem;
            n.failN1 = unallocatedMem() <= n.rMem;
            n.pDsk = computeNewPDsk(n.fSpindles, n.fDsk);
            n.utilLoad = NodeAccounting.addDsk(utilLoad, -inst.util[2]);
        }
        n.sListForth = sListForth.delete(inst.idx);
        n.fDskForth = usesDisk ? fDskForth + inst.dsk : fDskForth;
        int sp = n.newFreeSpindles(false, fSpindlesForth, inst);
        n.instSpindlesForth = n.spindleUse(false, instSpindlesForth, inst);
        n.pDskForth = n.computeNewPDsk(sp, n.fDskForth);
        n.utilLoadForth = NodeAccounting.addDsk(utilLoadForth, -inst.util[2]);
        n.fSpindlesForth = sp;
        return n;
    }

    // ---- checked additions -----------------------------------------------------------------------------------

    public Node addPri(Instance inst) {
        return addPriEx(false, inst);
    }

    /** Adds a primary instance; with {@code force} the soft checks (N+1, cpu ratio, tags, reserved disk) are skipped. */
    public Node addPriEx(boolean force, Instance inst) {
        boolean strict = !force;
        boolean usesDisk = inst.usesLocalStorage();
        double lCpu = iPolicy.vcpuRatio();
        int newMemForth = fMemForth - inst.mem;
        int newDskForth = usesDisk ? fDskForth - inst.dsk : fDskForth;
        int newFreeSpForth = newFreeSpindles(true, fSpindlesForth, inst);
        double newInstSpForth = spindleUse(true, instSpindlesForth, inst);
        int newUcpuForth = inst.notOffline() ? uCpuForth + inst.vcpus : uCpuForth;
        double newPcpuForth = newUcpuForth / tCpu;
        FailMode forthViolation = null;
        if (newMemForth <= 0) {
            forthViolation = FailMode.FailMem;
        } else if (usesDisk && newDskForth <= 0) {
            forthViolation = FailMode.FailDisk;
        } else if (usesDisk && newDskForth < loDsk) {
            forthViolation = FailMode.FailDisk;
        } else if (usesDisk && exclStorage && newFreeSpForth < 0) {
            forthViolation = FailMode.FailSpindles;
        } else if (usesDisk && newInstSpForth > hiSpindles) {
            forthViolation = FailMode.FailDisk;
        } else if (lCpu >= 0 && lCpu < newPcpuForth) {
            forthViolation = FailMode.FailCPU;
        }
        Node n;
        if (inst.forthcoming) {
            if (strict && forthViolation != null) {
                return failure(forthViolation);
            }
            n = copy();
        } else {
            int newIMem = inst.usesMemory() ? iMem + inst.mem : iMem;
            int newFree = (int) tMem - nMem - newIMem - Math.max(0, xMem);
            boolean newFailN1 = newFree <= rMem;
            int newDsk = usesDisk ? fDsk - inst.dsk : fDsk;
            int newFreeSp = newFreeSpindles(true, fSpindles, inst);
            double newInstSp = spindleUse(true, instSpindles, inst);
            int newUcpu = inst.notOffline() ? uCpu + inst.vcpus : uCpu;
            double newPcpu = newUcpu / tCpu;
            if (newFree <= 0) {
                return failure(FailMode.FailMem);
            } else if (usesDisk && newDsk <= 0) {
                return failure(FailMode.FailDisk);
            } else if (strict && usesDisk && newDsk < loDsk) {
                return failure(FailMode.FailDisk);
            } else if (usesDisk && exclStorage && newFreeSp < 0) {
                return failure(FailMode.FailSpindles);
            } else if (strict && usesDisk && newInstSp > hiSpindles) {
                return failure(FailMode.FailDisk);
            } else if (strict && newFailN1 && !failN1) {
                return failure(FailMode.FailMem);
            } else if (strict && lCpu >= 0 && lCpu < newPcpu) {
                return failure(FailMode.FailCPU);
            } else if (strict && rejectAddTags(inst.exclTags)) {
                return failure(FailMode.FailTags);
            } else if (strict && forthViolation != null) {
                return failure(forthViolation);
            }
            n = copy();
            n.pList = pList.cons(inst.idx);
            n.iMem = newIMem;
            n.fDsk = newDsk;
            n.failN1 = newFailN1;
            n.pMem = newFree / tMem;
            n.pDsk = computeNewPDsk(newFreeSp, newDsk);
            n.uCpu = newUcpu;
            n.pCpu = newPcpu;
            n.utilLoad = NodeAccounting.addUtil(utilLoad, inst.util);
            n.instSpindles = newInstSp;
            n.fSpindles = newFreeSp;
            n.locationScore = locationScore + inst.locationScore + NodeAccounting.dsrdLocScore(locationTags, inst);
            n.instanceMap = NodeAccounting.addTags(instanceMap, NodeAccounting.exclusionPairs(locationTags, inst));
        }
        n.pTags = NodeAccounting.addTags(pTags, inst.exclTags);
        n.pListForth = pListForth.cons(inst.idx);
        n.fMemForth = newMemForth;
        n.fDskForth = newDskForth;
        n.pMemForth = newMemForth / tMem;
        n.pDskForth = computeNewPDsk(newFreeSpForth, newDskForth);
        n.uCpuForth = newUcpuForth;
        n.pCpuForth = newPcpuForth;
        n.utilLoadForth = NodeAccounting.addUtil(utilLoadForth, inst.util);
        n.instSpindlesForth = newInstSpForth;
        n.fSpindlesForth = newFreeSpForth;
        return n;
    }

    private boolean rejectAddTags(List<String> tags) {
        for (String t : tags) {
            if (pTags.containsKey(t)) {
                return true;
            }
        }
        return false;
    }

    public Node addSec(Instance inst, int pdx) {
        return addSecExEx(false, false, inst, pdx);
    }

    public Node addSecEx(boolean force, Instance inst, int pdx) {
        return addSecExEx(false, force, inst, pdx);
    }

    public Node addSecExEx(boolean ignoreDisks, boolean force, Instance inst, int pdx) {
        boolean strict = !force;
        int secNeeded = inst.usesSecMem() ? inst.mem : 0;
        int newPeem = peers.find(pdx) + secNeeded;
        int oldMemForth = fMemForth;
        int newDskForth = fDskForth - inst.dsk;
        int newFreeSpForth = newFreeSpindles(true, fSpindlesForth, inst);
        double newInstSpForth = spindleUse(true, instSpindlesForth, inst);
        FailMode forthViolation = null;
        if (!inst.hasSecondary()) {
            forthViolation = FailMode.FailDisk;
        } else if (newDskForth <= 0) {
            forthViolation = FailMode.FailDisk;
        } else if (newDskForth < loDsk) {
            forthViolation = FailMode.FailDisk;
        } else if (exclStorage && newFreeSpForth < 0) {
            forthViolation = FailMode.FailSpindles;
        } else if (newInstSpForth > hiSpindles) {
            forthViolation = FailMode.FailDisk;
        } else if (secNeeded >= oldMemForth) {
            forthViolation = FailMode.FailMem;
        }
        Node n;
        if (inst.forthcoming) {
            if (strict && forthViolation != null) {
                return failure(forthViolation);
            }
            n = copy();
        } else {
            int oldMem = unallocatedMem();
            int newDsk = fDsk - inst.dsk;
            int newFreeSp = newFreeSpindles(true, fSpindles, inst);
            double newInstSp = spindleUse(true, instSpindles, inst);
            int newRmem = Math.max(rMem, newPeem);
            boolean newFailN1 = oldMem <= newRmem;
            if (!inst.hasSecondary()) {
                return failure(FailMode.FailDisk);
            } else if (!ignoreDisks && newDsk <= 0) {
                return failure(FailMode.FailDisk);
            } else if (strict && newDsk < loDsk) {
                return failure(FailMode.FailDisk);
            } else if (exclStorage && newFreeSp < 0) {
                return failure(FailMode.FailSpindles);
            } else if (strict && newInstSp > hiSpindles) {
                return failure(FailMode.FailDisk);
            } else if (strict && secNeeded >= oldMem) {
                return failure(FailMode.FailMem);
            } else if (strict && newFailN1 && !failN1) {
                return failure(FailMode.FailMem);
            } else if (strict && forthViolation != null) {
                return failure(forthViolation);
            }
            n = copy();
            n.sList = sList.cons(inst.idx);
            n.fDsk = newDsk;
            n.peers = peers.add(pdx, newPeem);
            n.failN1 = newFailN1;
            n.rMem = newRmem;
            n.pDsk = computeNewPDsk(newFreeSp, newDsk);
            n.pRem = newRmem / tMem;
            n.utilLoad = NodeAccounting.addDsk(utilLoad, inst.util[2]);
            n.instSpindles = newInstSp;
            n.fSpindles = newFreeSp;
        }
        n.sListForth = sListForth.cons(inst.idx);
        n.fDskForth = newDskForth;
        n.pDskForth = computeNewPDsk(newFreeSpForth, newDskForth);
        n.utilLoadForth = NodeAccounting.addDsk(utilLoadForth, inst.util[2]);
        n.instSpindlesForth = newInstSpForth;
        n.fSpindlesForth = newFreeSpForth;
        return n;
    }

    private static final int NO_PEER = Integer.MIN_VALUE;

    /** {@link #addSec} for a primary node that has no peer entry here yet; complete with {@link #withPeer}. */
    public Node addSecNoPeer(Instance inst) {
        return addSecExEx(false, false, inst, NO_PEER);
    }

    /** Completes a node returned by {@link #addSecNoPeer} with the real primary node index. */
    public Node withPeer(int pdx, int mem) {
        Node c = copy();
        c.peers = peers.remove(NO_PEER).add(pdx, mem);
        return c;
    }

    /** Whether instances may migrate from this node to {@code target} (migration tags). */
    public boolean canMigrateTo(Node target) {
        return target.rmigTags.containsAll(migTags);
    }
}
