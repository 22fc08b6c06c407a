package org.garnet.core.internal.lu.instance;

import java.util.List;
import java.util.Map;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.lu.LuContext;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Node;
import org.garnet.core.internal.rpc.DataEnd;
import org.garnet.core.internal.rpc.NodeRpc;

/**
 * One disk's data from one node to another (Ganeti's {@code TransferInstanceData}): the receiving node expects
 * it from the sending node's certificate, the sending node streams it to the receiver's secondary address over
 * the node daemons' TLS, compressed as asked. The feedback is Ganeti's, with the final figures.
 */
public final class DiskCopy {
    private DiskCopy() {
    }

    /** What a copy did: bytes of disk data, bytes on the wire, seconds. */
    public record Figures(long bytes, long sent, double seconds) {
        /** MiB per second of disk data. */
        public double rate() {
            return seconds <= 0 ? 0 : bytes / 1048576.0 / seconds;
        }
    }

    /** Ganeti's CheckCompressionTool: {@code none} or one of the cluster's {@code compression_tools}. */
    public static void checkTool(String tool) {
        List<String> allowed = org.garnet.core.internal.cluster.Defaults.compressionTools();
        if (!"none".equals(tool) && !allowed.contains(tool)) {
            throw GanetiException.prereq("Compression tool not allowed, tools allowed are [" + String.join(", ",
                    allowed) + "]", ErrorCode.ECODE_INVAL);
        }
    }

    /** Copies {@code from} (a disk on {@code source}) into {@code to} (a disk of the same size on {@code target}). */
    public static Figures copy(NodeRpc nodes, LuContext ctx, String name, Node source, Disk from, Node target,
                               Disk to, String compress) {
        return copy(nodes, ctx, name, source, DataEnd.disk(from.devType(), from), target,
                DataEnd.disk(to.devType(), to), compress);
    }

    /** Copies what {@code from} gives on {@code source} into {@code to} on {@code target}. */
    public static Figures copy(NodeRpc nodes, LuContext ctx, String name, Node source, DataEnd from, Node target,
                               DataEnd to, String compress) {
        ctx.feedback("Exporting " + name + " from " + source.name() + " to " + target.name());
        String digest = nodes.at(source).certificateDigest();
        String id = nodes.at(target).expectData(to, compress, digest);
        ctx.feedback(name + " is now listening, starting export");
        ctx.feedback(name + " is sending data on " + source.name());
        Map<String, Object> r;
        try {
            r = nodes.at(source).sendData(from, compress, target.secondaryIp(), id);
        } catch (GanetiException e) {
            ctx.feedback(name + " failed to send data: " + e.getMessage());
            String why = null;
            try {
                why = nodes.at(target).cancelDiskData(id);
            } catch (GanetiException ignored) {
                // the receiver is gone too: the import expires there on its own
            }
            if (why != null) {
                ctx.feedback(name + " failed to receive data: " + why);
                throw GanetiException.exec(why);
            }
            throw e;
        }
        Figures f = new Figures(((Number) r.get("bytes")).longValue(), ((Number) r.get("sent")).longValue(),
                ((Number) r.get("seconds")).doubleValue());
        ctx.feedback(name + " sent " + Sizes.human(f.bytes() / 1048576) + ", " + String.format(java.util.Locale.ROOT,
                "%.1f MiB/s", f.rate()) + ("none".equals(compress) ? "" : ", " + Sizes.human(f.sent() / 1048576)
                + " on the wire (" + compress + ")"));
        ctx.feedback(name + " finished sending data");
        ctx.feedback(name + " finished receiving data");
        return f;
    }
}
