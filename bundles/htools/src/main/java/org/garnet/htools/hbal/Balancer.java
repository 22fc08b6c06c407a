package org.garnet.htools.hbal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.garnet.htools.model.DiskTemplate;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/**
 * Ganeti's greedy balancing step (tryBalance / checkMove / checkInstanceMove): among all allowed moves of all
 * movable instances, the first one (in Ganeti's enumeration order) reaching the lowest score.
 */
public final class Balancer implements AutoCloseable {
    private final BalanceOptions opts;
    private final ExecutorService pool;

    public Balancer(BalanceOptions opts) {
        this.opts = opts;
        this.pool = opts.threads > 1 ? Executors.newFixedThreadPool(opts.threads, r -> {
            Thread t = new Thread(r, "hbal-search");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** Best candidate found in a range of instances. */
    private static final class Best {
        double score;
        MoveResult result;
        IMove move;
        int inst = -1;
    }

    /** Ganeti's possibleMoves for one target node. */
    static List<IMove> possibleMoves(DiskTemplate.Mirror mir, boolean useSecondary, boolean instMoves,
            boolean diskMoves, boolean restricted, boolean primaryDrained, int tdx) {
        switch (mir) {
            case NONE:
                return List.of();
            case EXTERNAL:
                return instMoves ? List.of(new IMove(IMove.Kind.FAILOVER_TO_ANY, tdx)) : List.of();
            default:
                break;
        }
        IMove rs = new IMove(IMove.Kind.REPLACE_SECONDARY, tdx);
        if (!diskMoves) {
            return List.of();
        }
        if (!instMoves) {
            return List.of(rs);
        }
        if (restricted && !primaryDrained) {
            return List.of(rs);
        }
        IMove raf = new IMove(IMove.Kind.REPLACE_AND_FAILOVER, tdx);
        IMove far = new IMove(IMove.Kind.FAILOVER_AND_REPLACE, tdx);
        if (useSecondary && !restricted) {
            return List.of(rs, raf, new IMove(IMove.Kind.REPLACE_PRIMARY, tdx), far);
        }
        if (useSecondary) {
            return List.of(rs, raf, far);
        }
        return List.of(rs, raf);
    }

    /** Instances tryBalance considers, in index order. */
    List<Integer> victims(Table t) {
        List<Integer> r = new ArrayList<>();
        for (int i : t.groupInstances) {
            Instance inst = t.instances[i];
            if (opts.evacMode) {
                boolean bad = false;
                for (int n : inst.allNodes()) {
                    bad |= n >= 0 && t.nodes[n].offline && contains(t.groupNodes, n);
                }
                if (!bad) {
                    continue;
                }
            }
            if (inst.movable && inst.autoBalance) {
                r.add(i);
            }
        }
        return r;
    }

    private static boolean contains(int[] a, int v) {
        return java.util.Arrays.binarySearch(a, v) >= 0;
    }

    private void checkInstance(Table t, ScoreModel sm, int[] online, int ii, Best best) {
        Instance inst = t.instances[ii];
        Node[] nl = t.nodes;
        boolean force = opts.ignoreSoftErrors;
        int opdx = inst.pNode;
        int osdx = inst.sNode;
        DiskTemplate.Mirror mir = inst.diskTemplate.mirror;
        boolean useSecondary = osdx >= 0 && contains(online, osdx) && opts.instanceMoves;
        Node intP = nl[opdx].removePri(inst);
        Node intS = osdx >= 0 ? nl[osdx].removeSec(inst) : null;
        if (mir == DiskTemplate.Mirror.INTERNAL && useSecondary) {
            consider(sm, best, ii, IMove.FAILOVER, MoveApplier.apply(force, nl, inst, IMove.FAILOVER, intP, intS));
        }
        boolean drained = nl[opdx].offline;
        for (int tdx : online) {
            if (tdx == opdx || tdx == osdx) {
                continue;
            }
            for (IMove mv : possibleMoves(mir, useSecondary, opts.instanceMoves, opts.diskMoves,
                    opts.restrictedMigration, drained, tdx)) {
                consider(sm, best, ii, mv, MoveApplier.apply(force, nl, inst, mv, intP, intS));
            }
        }
    }

    private static void consider(ScoreModel sm, Best best, int ii, IMove mv, MoveResult r) {
        if (r == null) {
            return;
        }
        double[][] nv = sm.changedValues(r);
        if (sm.lowerBound(r, nv) > best.score) {
            return;
        }
        double ex = sm.exact(r, nv);
        if (ex < best.score) {
            best.score = ex;
            best.result = r;
            best.move = mv;
            best.inst = ii;
        }
    }

    /** One balancing round: the improved table, or null when no acceptable move exists. */
    public Table tryBalance(Table t) {
        List<Integer> vic = victims(t);
        List<Integer> onl = new ArrayList<>();
        for (int n : t.groupNodes) {
            if (!t.nodes[n].offline) {
                onl.add(n);
            }
        }
        int[] online = onl.stream().mapToInt(Integer::intValue).toArray();
        ScoreModel sm = new ScoreModel(t.nodes, t.groupNodes);
        Best best = search(t, sm, online, vic);
        if (best.inst < 0) {
            return null;
        }
        double ini = t.score;
        double fin = best.score;
        if (fin < ini && (ini > opts.minGainLimit || ini - fin >= opts.minGain)) {
            return t.with(best.result, best.inst, best.move, fin);
        }
        return null;
    }

    private Best search(Table t, ScoreModel sm, int[] online, List<Integer> vic) {
        int chunks = pool == null || vic.size() < 8 ? 1 : opts.threads * 4;
        if (chunks == 1) {
            Best b = new Best();
            b.score = t.score;
            for (int ii : vic) {
                checkInstance(t, sm, online, ii, b);
            }
            return b;
        }
        List<Future<Best>> fs = new ArrayList<>();
        int per = (vic.size() + chunks - 1) / chunks;
        for (int c = 0; c < vic.size(); c += per) {
            List<Integer> part = vic.subList(c, Math.min(vic.size(), c + per));
            fs.add(pool.submit(() -> {
                Best b = new Best();
                b.score = t.score;
                for (int ii : part) {
                    checkInstance(t, sm, online, ii, b);
                }
                return b;
            }));
        }
        Best overall = new Best();
        overall.score = t.score;
        for (Future<Best> f : fs) {
            Best b;
            try {
                b = f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
            if (b.inst >= 0 && b.score < overall.score) {
                overall = b;
            }
        }
        return overall;
    }
}
