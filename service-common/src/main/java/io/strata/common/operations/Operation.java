package io.strata.common.operations;

import java.util.UUID;

/**
 * One running operation as its definition sees it: which operation, at which step, on which resource, with the data
 * its steps have gathered so far.
 *
 * @param jobId the operation's job (also the step row's key)
 * @param requestId the id of the command the current step sent, which its reply carries
 * @param kind the kind of operation
 * @param step the current step
 * @param resource the id of the resource it works on (a source, a virtual database)
 * @param data what the steps have gathered
 * @param failure why it failed, once it is being undone; {@code null} while it runs
 * @param <K> the family's operation enum
 * @param <S> the family's step enum
 * @param <D> the family's data record
 */
public record Operation<K, S, D>(UUID jobId, String requestId, K kind, S step, String resource, D data,
        String failure) {

    /** The same operation with other data. */
    public Operation<K, S, D> withData(D newData) {
        return new Operation<>(jobId, requestId, kind, step, resource, newData, failure);
    }

    /**
     * The id of the command for one part of a step that sends several at once ({@link OperationDefinition#parts}):
     * its answer counts for that part only, and a repeated answer is ignored.
     */
    public String partRequestId(int part) {
        return requestId + OperationMachine.PART + part;
    }

    /** The id for a command this operation sends besides its steps' own (a clean-up, say), unique to the job. */
    public String requestId(String purpose) {
        return jobId + "-" + purpose;
    }
}
