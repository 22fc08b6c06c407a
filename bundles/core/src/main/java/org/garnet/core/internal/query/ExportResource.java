package org.garnet.core.internal.query;

import static org.garnet.api.query.FieldKind.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.model.Node;
import org.garnet.api.query.ResultCell;
import org.garnet.api.query.ResultStatus;
import org.garnet.core.internal.rpc.NodeRpc;

/**
 * Ganeti's export query ({@code gnt-backup list}, {@code /2/query/export}): one row per export per node, asked of
 * each node; a node that cannot tell (offline, unreachable, no export directory yet) gives one row whose export
 * has no data ({@code ?}), as Ganeti shows it.
 */
final class ExportResource extends Resource<ExportResource.Row> {
    record Row(String node, String export) {
    }

    private final ConfigStore store;
    private final NodeRpc nodes;

    ExportResource(ConfigStore store, NodeRpc nodes) {
        this.store = store;
        this.nodes = nodes;
        add(Field.of("node", "Node", text, "Node name", Row::node));
        add(Field.cell("export", "Export", text, "Export name", r -> r.export() == null
                ? new ResultCell(ResultStatus.NODATA, null) : new ResultCell(ResultStatus.NORMAL, r.export())));
    }

    @Override
    protected String word() {
        return "Node";
    }

    @Override
    protected List<Row> rows() {
        List<Row> out = new ArrayList<>();
        store.list(Node.class).stream().sorted(Comparator.comparing(Node::name)).forEach(n -> {
            List<String> exports = null;
            if (!n.offline()) {
                try {
                    exports = nodes.at(n).exportList();
                } catch (GanetiException e) {
                    exports = null;
                }
            }
            if (exports == null) {
                out.add(new Row(n.name(), null));
            } else {
                exports.forEach(e -> out.add(new Row(n.name(), e)));
            }
        });
        return out;
    }

    @Override
    protected String nameOf(Row row) {
        return row.node();
    }

    /** Rows of the nodes named (all when none). */
    @Override
    protected List<Row> select(List<String> names) {
        List<Row> all = rows();
        if (names.isEmpty()) {
            return all;
        }
        for (String n : names) {
            if (store.byName(Node.class, n).isEmpty()) {
                throw GanetiException.prereq("Node '" + n + "' not known", org.garnet.api.ErrorCode.ECODE_NOENT);
            }
        }
        return all.stream().filter(r -> names.contains(r.node())).toList();
    }
}
