package org.garnet.core.internal.query;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.garnet.api.query.FieldKind;

/** Ganeti's field per node parameter ({@code ndp/cpu_speed}, ...), for nodes and node groups. */
final class NodeParamFields {
    private record Param(String name, String title, FieldKind kind) {
    }

    private static final List<Param> PARAMS = List.of(
            new Param("cpu_speed", "ndp/cpu_speed", FieldKind.number_float),
            new Param("exclusive_storage", "ExclusiveStorage", FieldKind.bool),
            new Param("oob_program", "OutOfBandProgram", FieldKind.other),
            new Param("ovs", "OpenvSwitch", FieldKind.bool),
            new Param("ovs_link", "OpenvSwitchLink", FieldKind.other),
            new Param("ovs_name", "OpenvSwitchName", FieldKind.other),
            new Param("spindle_count", "SpindleCount", FieldKind.number),
            new Param("ssh_port", "ndp/ssh_port", FieldKind.number));

    private NodeParamFields() {
    }

    /** Adds the fields; {@code merged} gives a row's node parameters with every default filled in. */
    static <R> void addTo(Resource<R> res, Function<R, Map<String, Object>> merged) {
        for (Param p : PARAMS) {
            res.add(Field.of("ndp/" + p.name(), p.title(), p.kind(), "The \"" + p.name() + "\" node parameter",
                    r -> merged.apply(r).get(p.name())));
        }
    }
}
