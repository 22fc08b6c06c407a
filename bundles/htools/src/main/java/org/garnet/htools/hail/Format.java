package org.garnet.htools.hail;

import java.util.ArrayList;
import java.util.List;

import org.garnet.htools.model.Group;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/** Formats results into IAllocator outcomes (Ganeti's formatAllocate, formatNodeEvac, formatMultiAlloc). */
final class Format {
    private Format() {
    }

    /** One multi-allocation request and its solution. */
    record MultiEntry(Instance request, AllocSolution sol) {
    }

    static String describe(AllocSolution sol) {
        return String.join(", ", sol.log);
    }

    static List<String> names(AllocSolution.Element e) {
        List<String> r = new ArrayList<>();
        for (int n : e.nodes()) {
            r.add(e.nl()[n].name);
        }
        return r;
    }

    /** formatAllocate (or formatAllocateSecondary: only the new secondary's name). */
    static Outcome allocate(List<Instance> il, AllocSolution sol, boolean secondaryOnly) throws HtoolsException {
        String info = describe(sol);
        if (sol.best == null) {
            throw new HtoolsException(info);
        }
        if (secondaryOnly) {
            if (sol.best.nodes().length != 2) {
                throw new HtoolsException("Internal error (not a DRBD allocation); info was: " + info);
            }
            List<Instance> il2 = new ArrayList<>(il);
            il2.set(sol.best.inst().idx, sol.best.inst());
            return Outcome.ok(info, names(sol.best).get(1), sol.best.nl(), il2);
        }
        List<Instance> il2 = new ArrayList<>(il);
        Instance ni = sol.best.inst().copy();
        ni.idx = il.size();
        il2.add(ni);
        Node[] nl = sol.extractNl(sol.best.nl(), ni.idx);
        return Outcome.ok(info, names(sol.best), nl, il2);
    }

    static Outcome evac(List<Group> gl, Node[] nl, List<Instance> il, EvacSolution es) {
        List<Object> mes = new ArrayList<>();
        for (EvacSolution.Moved m : es.moved) {
            List<String> nn = new ArrayList<>();
            for (int n : m.nodes()) {
                nn.add(nl[n].name);
            }
            mes.add(List.of(il.get(m.idx()).name, gl.get(m.gdx()).name, nn));
        }
        List<Object> fes = new ArrayList<>();
        for (EvacSolution.Failed f : es.failed) {
            fes.add(List.of(il.get(f.idx()).name, f.msg()));
        }
        String info = es.failed.size() + " instances failed to move and " + es.moved.size()
                + " were moved successfully";
        return Outcome.ok(info, List.of(mes, fes, es.opcodes), es.nl, es.il);
    }

    static Outcome multiAlloc(Node[] nl, List<Instance> il, List<MultiEntry> results) {
        List<Object> allocated = new ArrayList<>();
        List<Object> failed = new ArrayList<>();
        for (MultiEntry e : results) {
            if (e.sol().best != null) {
                allocated.add(List.of(e.sol().best.inst().name, names(e.sol().best)));
            } else {
                failed.add(List.of(e.request().name, describe(e.sol())));
            }
        }
        String info = failed.size() + " instances failed to allocate and " + allocated.size()
                + " were allocated successfully";
        return Outcome.ok(info, List.of(allocated, failed), nl, il);
    }
}
