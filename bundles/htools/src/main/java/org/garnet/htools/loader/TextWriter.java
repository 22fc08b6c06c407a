package org.garnet.htools.loader;

import java.util.List;

import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.Fmt;
import org.garnet.htools.model.Group;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/** Serialises a cluster in the htools text format (as {@code -S} and hscan write it). */
public final class TextWriter {
    private TextWriter() {
    }

    public static String serialize(ClusterData cd) {
        StringBuilder g = new StringBuilder();
        for (Group gr : cd.groups) {
            g.append(gr.name).append('|').append(gr.uuid).append('|').append(gr.allocPolicy.raw).append('|')
                    .append(String.join(",", gr.tags)).append('|').append(String.join(",", gr.networks)).append('\n');
        }
        StringBuilder n = new StringBuilder();
        for (Node x : cd.nodes) {
            n.append(x.name).append('|').append(Fmt.fixed(x.tMem, 0)).append('|').append(x.nMem).append('|')
                    .append(x.fMem).append('|').append(Fmt.fixed(x.tDsk, 0)).append('|').append(x.fDsk).append('|')
                    .append(Fmt.fixed(x.tCpu, 0)).append('|').append(x.offline ? 'Y' : x.isMaster ? 'M' : 'N')
                    .append('|').append(cd.groups.get(x.group).uuid).append('|').append(x.tSpindles).append('|')
                    .append(String.join(",", x.nTags)).append('|').append(x.exclStorage ? "Y" : "N").append('|')
                    .append(x.fSpindles).append('|').append(x.nCpu).append('|').append(Fmt.fixed(x.tCpuSpeed, 6)
                            .replaceFirst("0+$", "").replaceFirst("\\.$", ".0"))
                    .append('\n');
        }
        StringBuilder i = new StringBuilder();
        List<Node> nl = cd.nodes;
        for (Instance x : cd.instances) {
            Integer sp = x.totalSpindles();
            i.append(x.name).append('|').append(x.mem).append('|').append(x.dsk).append('|').append(x.vcpus)
                    .append('|').append(x.runSt.raw).append('|').append(x.autoBalance ? "Y" : "N").append('|')
                    .append(nl.get(x.pNode).name).append('|').append(x.sNode < 0 ? "" : nl.get(x.sNode).name)
                    .append('|').append(x.diskTemplate.raw).append('|').append(String.join(",", x.allTags))
                    .append('|').append(x.spindleUse).append('|').append(sp == null ? "-" : sp.toString()).append('|')
                    .append(x.forthcoming ? "Y" : "N").append('\n');
        }
        StringBuilder t = new StringBuilder();
        for (String tag : cd.tags) {
            t.append(tag).append('\n');
        }
        StringBuilder p = new StringBuilder();
        p.append(cd.ipolicy.serialize("")).append('\n');
        for (Group gr : cd.groups) {
            p.append(gr.ipolicy.serialize(gr.name)).append('\n');
        }
        return g + "\n" + n + "\n" + i + "\n" + t + "\n" + p;
    }
}
