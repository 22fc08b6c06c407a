package org.garnet.htools.hbal;

/** One step of a solution: instance index, new primary and secondary, the move, and the score after it. */
public record Placement(int inst, int pdx, int sdx, IMove move, double score) {
}
