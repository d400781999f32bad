package io.strata.snapshot.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.quarkus.logging.Log;
import io.strata.common.errors.Errors;
import io.strata.snapshot.pool.Pool;

/**
 * Takes back what a pool command made when the transaction that was to record it ends without it: rolled back (a
 * failed flush, a lost database, a retry of the command) or committed with a refusal instead. Left there, a clone
 * would sit on the pool unknown to the database until the next start's {@link Reconciler}, and a refused command
 * would have changed the pool. A transaction whose outcome is unknown keeps it: the Reconciler settles that case at
 * the next start, as it settles a crash between the pool command and the commit.
 */
@ApplicationScoped
public class PoolUndo {

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    Pool pool;

    /** What the current transaction made on the pool; {@link #recorded()} once its row and event are written. */
    public static final class Made {

        private volatile boolean recorded;

        /** The row is written: keep what was made if the transaction commits. */
        public void recorded() {
            recorded = true;
        }
    }

    /** A volume (or clone) the current transaction just made on the pool. */
    public Made volume(String volumeId) {
        return register("volume " + volumeId, () -> pool.driver().deleteVolume(volumeId));
    }

    /** A snapshot the current transaction just took on the pool. */
    public Made snapshot(String snapshotId) {
        return register("snapshot " + snapshotId, () -> pool.driver().deleteSnapshot(snapshotId));
    }

    private Made register(String what, Runnable remove) {
        Made made = new Made();
        transactions.registerInterposedSynchronization(new Synchronization() {

            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                boolean kept = status == Status.STATUS_COMMITTED && made.recorded;
                if (kept || status != Status.STATUS_COMMITTED && status != Status.STATUS_ROLLEDBACK) {
                    return;
                }
                try {
                    remove.run();
                    Log.infof("Removed %s from the pool: its transaction %s", what, status == Status.STATUS_COMMITTED
                            ? "did not record it"
                            : "rolled back");
                } catch (RuntimeException e) {
                    Log.warnf("Could not remove %s from the pool (the next start removes it): %s", what, Errors
                            .rootMessage(e));
                }
            }
        });
        return made;
    }
}
