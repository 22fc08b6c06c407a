package org.garnet.api.query;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Ganeti's query mechanism ({@code Query}/{@code QueryFields}), shared by the list commands and RAPI
 * {@code /2/query}. Resources use Ganeti's names: {@code node}, {@code instance}, {@code group},
 * {@code cluster}, {@code network}, {@code job}, {@code os}. Unknown fields come back as kind
 * {@code unknown} with cells of status {@code UNKNOWN}, as Ganeti does.
 */
@ProviderType
public interface QueryService {
    /** Rows for the named objects (all when {@code names} is empty), sorted by name. */
    QueryResult query(String resource, List<String> fields, List<String> names);

    /**
     * Rows of every object that Ganeti's query filter selects, in its JSON form ({@code ["&", ["=", "name",
     * "x"], ["?", "admin_up"]]}; {@code null} selects all). A malformed filter or one naming an unknown field is
     * {@code OpPrereqError(ECODE_INVAL)}.
     */
    QueryResult query(String resource, List<String> fields, Object qfilter);

    /**
     * A token for the current answer of a resource: two calls return equal tokens only if a query of every field
     * of every object would answer the same in between (configuration serial number and the live data the
     * fields show). {@code null} when the resource has no cheap token (its rows change by themselves, e.g.
     * jobs, node memory). Lets an adapter reuse an encoded answer.
     */
    Object version(String resource);

    /** Definitions of the named fields, or of all fields when {@code names} is empty. */
    List<FieldDefinition> fields(String resource, List<String> names);
}
