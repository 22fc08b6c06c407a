package org.garnet.htools.hbal;

import java.util.List;

/** One executed step: the nodes it involves, the instance index, the move and its gnt-instance commands. */
public record MoveJob(List<Integer> nodes, int inst, IMove move, List<String> cmds) {
}
