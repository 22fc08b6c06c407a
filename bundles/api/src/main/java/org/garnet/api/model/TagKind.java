package org.garnet.api.model;

/** The objects that carry tags, with Ganeti's kind names. */
public enum TagKind {
    cluster, node, nodegroup, instance, network
}
