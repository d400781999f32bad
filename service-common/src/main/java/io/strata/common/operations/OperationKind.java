package io.strata.common.operations;

import java.util.List;

/**
 * A kind of long operation, implemented by an enum per family (a source's link, sync, resync...; a virtual
 * database's provision, refresh...): the kind its job carries and the steps it goes through, in order.
 *
 * @param <S> the family's step enum
 */
public interface OperationKind<S extends Enum<S> & StepKind> {

    /** The enum constant's name. */
    String name();

    /** The job kind, e.g. {@code vdb.provision}: what {@code GET /jobs} shows and metrics are tagged with. */
    String jobKind();

    /** The steps, in the order they run; a definition may skip some ({@link OperationDefinition#next}). */
    List<S> steps();
}
