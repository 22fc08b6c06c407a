package org.garnet.htools.algo;

import java.util.List;

import org.garnet.htools.model.Node;

/** Cluster resource totals (Ganeti's CStats / totalResources). */
public final class CStats {
    public long fmem;
    public long fdsk;
    public long fspn;
    public long amem;
    public long adsk;
    public long acpu;
    public long mmem;
    public long mdsk;
    public long mcpu;
    public long imem;
    public long idsk;
    public long ispn;
    public long icpu;
    public double tmem;
    public double tdsk;
    public double tspn;
    public double tcpu;
    public long vcpu;
    public double ncpu;
    public long xmem;
    public long nmem;
    public double score;
    public int ninst;

    public static CStats total(Node[] nl) {
        CStats c = new CStats();
        for (Node n : nl) {
            int am = n.availMem();
            int ad = n.availDisk();
            int ac = n.availCpu();
            c.fmem += n.unallocatedMem();
            c.fdsk += n.fDsk;
            c.fspn += n.fSpindles;
            c.amem += am;
            c.adsk += ad;
            c.acpu += ac;
            c.mmem = Math.max(c.mmem, am);
            c.mdsk = Math.max(c.mdsk, ad);
            c.mcpu = Math.max(c.mcpu, ac);
            c.imem += n.iMem;
            c.idsk += (long) n.tDsk - n.fDsk;
            c.ispn += n.tSpindles - n.fSpindles;
            c.icpu += n.uCpu;
            c.tmem += n.tMem;
            c.tdsk += n.tDsk;
            c.tspn += n.tSpindles;
            c.tcpu += n.tCpu;
            c.vcpu += n.hiCpu;
            c.ncpu += n.uCpu / n.iPolicy.vcpuRatio();
            c.xmem += n.xMem;
            c.nmem += n.nMem;
            c.ninst += n.pList.size();
        }
        c.score = Metrics.compCV(java.util.Arrays.asList(nl));
        return c;
    }

    public static CStats total(List<Node> nl) {
        return total(nl.toArray(new Node[0]));
    }

    public double memEff() {
        return imem / tmem;
    }

    public double dskEff() {
        return idsk / tdsk;
    }

    public double cpuEff() {
        return icpu / (double) vcpu;
    }

    public double spnEff() {
        return ispn / tspn;
    }
}
