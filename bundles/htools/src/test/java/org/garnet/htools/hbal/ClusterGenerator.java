package org.garnet.htools.hbal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random clusters in the htools text format: several groups, drbd/plain/file/shared-storage instances,
 * location and exclusion tags, offline nodes, stopped and non-auto-balanced instances, placed unevenly so that
 * there is something to balance.
 */
public final class ClusterGenerator {
    private final Random rnd;

    public ClusterGenerator(long seed) {
        this.rnd = new Random(seed);
    }

    private static final String[] SHARED = {"sharedfile", "rbd", "ext"};

    /** A cluster with {@code nodes} nodes in {@code groups} groups and about {@code insts} instances. */
    public String generate(int nodes, int insts, int groups, boolean tags) {
        StringBuilder g = new StringBuilder();
        for (int k = 1; k <= groups; k++) {
            g.append(String.format("group-%02d|uuid-%02d|preferred||%n", k, k));
        }
        int n = nodes;
        long[] fmem = new long[n];
        long[] fdsk = new long[n];
        long[] tmem = new long[n];
        long[] tdsk = new long[n];
        int[] grp = new int[n];
        boolean[] off = new boolean[n];
        String[] ntags = new String[n];
        int[] tcpu = new int[n];
        for (int i = 0; i < n; i++) {
            tmem[i] = new long[] {16384, 32768, 65536}[rnd.nextInt(3)];
            tdsk[i] = (500 + rnd.nextInt(1500)) * 1024L;
            fmem[i] = tmem[i] - 1024;
            fdsk[i] = tdsk[i];
            grp[i] = groups == 1 ? 1 : 1 + (i * groups / n);
            off[i] = i > 0 && rnd.nextInt(25) == 0;
            tcpu[i] = 8 + rnd.nextInt(25);
            ntags[i] = tags ? "rack:r" + rnd.nextInt(4) : "";
        }
        StringBuilder il = new StringBuilder();
        int made = 0;
        for (int a = 0; a < insts * 3 && made < insts; a++) {
            int p = skewed(n);
            if (off[p] && rnd.nextInt(4) != 0) {
                continue;
            }
            int r = rnd.nextInt(100);
            String dt = r < 70 ? "drbd" : r < 82 ? "plain" : r < 88 ? "file" : SHARED[rnd.nextInt(SHARED.length)];
            int mem = 512 * (1 + rnd.nextInt(8));
            int dsk = 1024 * (10 + rnd.nextInt(120));
            int s = -1;
            if (dt.equals("drbd")) {
                List<Integer> cands = new ArrayList<>();
                for (int j = 0; j < n; j++) {
                    if (j != p && grp[j] == grp[p] && fdsk[j] > dsk + 1024 && fmem[j] > mem) {
                        cands.add(j);
                    }
                }
                if (cands.isEmpty()) {
                    continue;
                }
                s = cands.get(rnd.nextInt(cands.size()));
            }
            boolean running = rnd.nextInt(10) != 0;
            boolean local = dt.equals("drbd") || dt.equals("plain");
            if (fmem[p] - (running ? mem : 0) < 1024 || (local && fdsk[p] - dsk < 1024)) {
                continue;
            }
            if (running) {
                fmem[p] -= mem;
            }
            if (local) {
                fdsk[p] -= dsk;
            }
            if (s >= 0) {
                fdsk[s] -= dsk;
            }
            String itags = tags && rnd.nextInt(3) == 0 ? "service:s" + rnd.nextInt(5) : "";
            il.append(String.format("inst-%04d|%d|%d|%d|%s|%s|node-%03d|%s|%s|%s|1|-|N%n", made, mem, dsk,
                    1 + rnd.nextInt(4), running ? "running" : "ADMIN_down", rnd.nextInt(15) == 0 ? "N" : "Y", p,
                    s < 0 ? "" : String.format("node-%03d", s), dt, itags));
            made++;
        }
        StringBuilder nl = new StringBuilder();
        for (int i = 0; i < n; i++) {
            nl.append(String.format("node-%03d|%d|1024|%d|%d|%d|%d|%s|uuid-%02d|1|%s|N|0|1|1.0%n", i, tmem[i],
                    fmem[i], tdsk[i], fdsk[i], tcpu[i], i == 0 ? "M" : off[i] ? "Y" : "N", grp[i], ntags[i]));
        }
        String ctags = tags ? "htools:nlocation:rack\nhtools:iextags:service\n" : "";
        return g + "\n" + nl + "\n" + il + "\n" + ctags + "\n";
    }

    /** Node index biased towards the low half (an unbalanced starting point). */
    private int skewed(int n) {
        return rnd.nextInt(3) == 0 ? rnd.nextInt(n) : rnd.nextInt(Math.max(1, n / 2));
    }

    /** Writes a generated cluster: args seed nodes insts groups tags(0/1). */
    public static void main(String[] args) {
        System.out.print(new ClusterGenerator(Long.parseLong(args[0])).generate(Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4].equals("1")));
    }
}
