package org.garnet.api.consensus;

/**
 * How far one member of the master candidates' group is, as the leader sees it: the index of the last entry it
 * is known to have committed, and how long ago it last answered the leader (0 for the leader itself).
 */
public record MemberProgress(String member, long commitIndex, long silentMillis) {
}
