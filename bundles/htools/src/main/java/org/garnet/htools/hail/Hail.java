package org.garnet.htools.hail;

import java.util.ArrayList;
import java.util.List;

import org.garnet.htools.algo.AlgOptions;
import org.garnet.htools.iallocator.Request;
import org.garnet.htools.iallocator.RequestParser;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.Group;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/** The IAllocator: answers a parsed request (Ganeti's runIAllocator / processRequest and dedicated allocation). */
public final class Hail {
    /** Default of --static-kvm-node-memory. */
    public static final int STATIC_KVM_NODE_MEMORY = 4096;

    private Hail() {
    }

    /**
     * In-process entry point: the IAllocator answer to {@code requestJson} with hail's default options; failed
     * allocations carry the per-node explanation in their info. Malformed requests give a failed answer carrying
     * Ganeti's error message.
     */
    public static String answer(String requestJson) {
        return answer(requestJson, true);
    }

    /**
     * As {@link #answer(String)}; with {@code explain} false the answer is exactly Ganeti's (no per-node
     * explanation appended to the info of failed allocations).
     */
    public static String answer(String requestJson, boolean explain) {
        try {
            Request r = RequestParser.parse(requestJson, STATIC_KVM_NODE_MEMORY);
            return process(new AlgOptions(), null, r, explain).toJson();
        } catch (HtoolsException e) {
            return Outcome.failed(e.getMessage()).toJson();
        } catch (RuntimeException e) {
            return Outcome.failed("internal error: " + e).toJson();
        }
    }

    /**
     * Processes {@code r}; {@code restrict} is --restrict-allocation-to (null: none); {@code explain} adds the
     * per-node refusal reasons to the information of failed allocations.
     */
    public static Outcome process(AlgOptions opts, List<String> restrict, Request r, boolean explain) {
        ClusterData cd = r.cluster;
        boolean dedicated = r.isAllocation() && Dedicated.isDedicated(cd, r.allocationGroup());
        Outcome o;
        try {
            o = dedicated ? dedicated(opts, restrict, r) : standard(opts, restrict, r);
        } catch (HtoolsException e) {
            o = Outcome.failed(e.getMessage());
        }
        if (explain && !o.success() && r.isAllocation()) {
            o = o.withInfo(Explain.infoSuffix(opts, r, restrict));
        }
        return o;
    }

    private static List<String> merge(List<String> cli, List<String> req) {
        return cli != null ? cli : req;
    }

    private static Node[] nodes(ClusterData cd) {
        return cd.nodes.toArray(new Node[0]);
    }

    private static Outcome standard(AlgOptions opts, List<String> restrict, Request r) throws HtoolsException {
        ClusterData cd = r.cluster;
        List<Group> gl = cd.groups;
        Node[] nl = nodes(cd);
        List<Instance> il = cd.instances;
        switch (r.type) {
            case ALLOCATE: {
                Request.AllocDetails d = r.allocs.get(0);
                GroupAlloc.Ctx ctx = new GroupAlloc.Ctx(opts, merge(restrict, r.restrictToNodes), r.nicNetworks);
                AllocSolution sol = d.groupName() == null
                        ? GroupAlloc.tryMGAlloc(ctx, gl, nl, il, d.inst(), d.requiredNodes())
                        : GroupAlloc.tryGroupAlloc(ctx, gl, nl, il, d.groupName(), d.inst(), d.requiredNodes());
                return Format.allocate(il, sol, false);
            }
            case RELOCATE: {
                Relocate.Result res = Relocate.processRelocate(opts, nl, il, r.instIdx, r.relocRequired,
                        r.relocateFrom);
                List<String> names = new ArrayList<>();
                for (int n : res.nodes()) {
                    names.add(res.nl()[n].name);
                }
                return Outcome.ok("success", names, res.nl(), res.il());
            }
            case CHANGE_GROUP: {
                GroupAlloc.Ctx ctx = new GroupAlloc.Ctx(opts, restrict, r.nicNetworks);
                return Format.evac(gl, nl, il,
                        ChangeGroup.tryChangeGroup(ctx, gl, nl, il, r.targetGroups, r.instances));
            }
            case NODE_EVACUATE:
                return Format.evac(gl, nl, il, Evacuate.tryNodeEvac(opts, nl, il, r.evacMode, r.instances));
            case MULTI_ALLOCATE:
                return multiAlloc(new GroupAlloc.Ctx(opts, restrict, r.nicNetworks), r, false);
            case ALLOCATE_SECONDARY: {
                GroupAlloc.Ctx ctx = new GroupAlloc.Ctx(opts, restrict, r.nicNetworks);
                return Format.allocate(il, AllocSecondary.tryAllocateSecondary(ctx, gl, nl, il, r.instIdx), true);
            }
            default:
                throw new HtoolsException("Unknown request type");
        }
    }

    private static Outcome dedicated(AlgOptions opts, List<String> restrict, Request r) throws HtoolsException {
        ClusterData cd = r.cluster;
        List<Group> gl = cd.groups;
        Node[] nl = nodes(cd);
        if (r.type == Request.Type.ALLOCATE) {
            Request.AllocDetails d = r.allocs.get(0);
            GroupAlloc.Ctx ctx = new GroupAlloc.Ctx(opts, merge(restrict, r.restrictToNodes), r.nicNetworks);
            AllocSolution sol;
            if (d.groupName() != null) {
                int gdx = findGroup(gl, d.groupName());
                sol = Dedicated.findAllocation(ctx, gl, nl, gdx, d.inst(), d.requiredNodes());
                sol.log = GroupAlloc.describe(new GroupAlloc.GroupResult(gl.get(gdx), sol, null));
            } else {
                sol = Dedicated.findMGAllocation(ctx, gl, nl, d.inst(), d.requiredNodes());
            }
            return Format.allocate(cd.instances, sol, false);
        }
        return multiAlloc(new GroupAlloc.Ctx(opts, restrict, r.nicNetworks), r, true);
    }

    static int findGroup(List<Group> gl, String name) throws HtoolsException {
        int found = -1;
        int n = 0;
        for (Group g : gl) {
            if (g.name.equals(name) || g.uuid.equals(name)) {
                found = g.idx;
                n++;
            }
        }
        if (n != 1) {
            throw new HtoolsException("Wrong number of elems found with name " + name);
        }
        return found;
    }

    /** One allocation of a multi-allocation on the current state ({@code nl0}: the initial nodes). */
    static AllocSolution allocOne(GroupAlloc.Ctx ctx, List<Group> gl, Node[] nl0, Node[] nl, List<Instance> il,
            Request.AllocDetails d, boolean dedicated) throws HtoolsException {
        if (dedicated) {
            return d.groupName() == null ? Dedicated.findMGAllocation(ctx, gl, nl, d.inst(), d.requiredNodes())
                    : Dedicated.findAllocation(ctx, gl, nl0, findGroup(gl, d.groupName()), d.inst(),
                            d.requiredNodes());
        }
        return d.groupName() == null ? GroupAlloc.tryMGAlloc(ctx, gl, nl, il, d.inst(), d.requiredNodes())
                : GroupAlloc.tryGroupAlloc(ctx, gl, nl, il, d.groupName(), d.inst(), d.requiredNodes());
    }

    /** Ganeti's allocList (or the dedicated variant) followed by formatMultiAlloc. */
    private static Outcome multiAlloc(GroupAlloc.Ctx ctx, Request r, boolean dedicated) throws HtoolsException {
        ClusterData cd = r.cluster;
        List<Group> gl = cd.groups;
        Node[] nl0 = nodes(cd);
        Node[] nl = nl0;
        List<Instance> il = new ArrayList<>(cd.instances);
        List<Format.MultiEntry> results = new ArrayList<>();
        for (Request.AllocDetails d : r.allocs) {
            AllocSolution sol = allocOne(ctx, gl, nl0, nl, il, d, dedicated);
            if (sol.best != null) {
                int newIdx = il.size();
                nl = sol.extractNl(nl, newIdx);
                Instance ni = sol.best.inst().copy();
                ni.idx = newIdx;
                il.add(ni);
            }
            results.add(new Format.MultiEntry(d.inst(), sol));
        }
        return Format.multiAlloc(nl, il, results);
    }
}
