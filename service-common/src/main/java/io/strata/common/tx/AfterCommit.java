package io.strata.common.tx;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs code once the current transaction has committed (never if it rolls back): wake the outbox relay, start a
 * job's work. Work started before the commit could see, or announce, state that is then rolled back. Or once it has
 * ended either way: give back what only that transaction held.
 */
@ApplicationScoped
public class AfterCommit {

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** Runs {@code action} after a successful commit of the current transaction. */
    public void run(Runnable action) {
        register(action, true);
    }

    /** Runs {@code action} once the current transaction has ended, committed or rolled back. */
    public void whenEnded(Runnable action) {
        register(action, false);
    }

    private void register(Runnable action, boolean onlyCommitted) {
        transactions.registerInterposedSynchronization(new Synchronization() {

            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (!onlyCommitted || status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }

    /** Like {@link #run} but at most once per transaction for the same {@code key}. */
    public void runOnce(Object key, Runnable action) {
        if (transactions.getResource(key) != null) {
            return;
        }
        transactions.putResource(key, Boolean.TRUE);
        run(action);
    }
}
