package io.strata.snapshot.pool;

/** A pool operation failed; the message says what the pool said and, where known, what to do. */
public class PoolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PoolException(String message) {
        super(message);
    }

    public PoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
