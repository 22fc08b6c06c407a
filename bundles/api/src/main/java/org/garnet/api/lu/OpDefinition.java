package org.garnet.api.lu;

import java.util.List;
import org.garnet.api.jobs.OpCode;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An opcode Garnet can run: registered as an OSGi service with the property {@value #OP_ID}, bound dynamically
 * by the job queue. Submission of an opcode whose definition is not registered fails with {@code ECODE_INVAL}.
 *
 * <p>Threading: {@link #params()} and {@link #create} may be called from any thread at any time; each call to
 * {@code create} returns a fresh unit used by one job thread only.
 */
@ConsumerType
public interface OpDefinition {
    /** Service property naming the opcode, e.g. {@code OP_TEST_DELAY}. */
    String OP_ID = "op.id";

    /** The {@code OP_ID}. */
    String opId();

    /** The opcode's own parameters (the common ones, {@code priority}, {@code reason}, ..., are implied). */
    List<OpParam> params();


    /** A unit that runs {@code op} (parameters already checked against {@link #params()} and defaulted). */
    LogicalUnit create(OpCode op, LuContext context);
}
