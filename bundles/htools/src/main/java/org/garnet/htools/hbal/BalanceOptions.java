package org.garnet.htools.hbal;

/** Ganeti's AlgorithmOptions as far as balancing uses them. */
public final class BalanceOptions {
    public boolean diskMoves = true;
    public boolean instanceMoves = true;
    public boolean restrictedMigration;
    public boolean ignoreSoftErrors;
    public boolean evacMode;
    public double minGain = 1e-2;
    public double minGainLimit = 1e-1;
    /** Worker threads for the candidate search (results do not depend on it). */
    public int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
}
