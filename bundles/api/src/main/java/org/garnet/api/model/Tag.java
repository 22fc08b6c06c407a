package org.garnet.api.model;

/** One tag found on one object (a row of {@code gnt-cluster search-tags}: the object's path and the tag). */
public record Tag(TagKind kind, String objectName, String tag) {
    /** Ganeti's path of the tagged object: {@code /cluster}, {@code /nodes/NAME}, {@code /instances/NAME}, ... */
    public String path() {
        return switch (kind) {
            case cluster -> "/cluster";
            case node -> "/nodes/" + objectName;
            case nodegroup -> "/nodegroup/" + objectName;
            case instance -> "/instances/" + objectName;
            case network -> "/networks/" + objectName;
        };
    }
}
