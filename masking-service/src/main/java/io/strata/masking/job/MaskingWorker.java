package io.strata.masking.job;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.strata.common.operations.Progress;
import io.strata.masking.known.KnownVdb;
import io.strata.masking.postgres.ConnectionFactory;

/**
 * Masks a virtual database in place and verifies it, outside any transaction. A second attempt at one job means the
 * service stopped in the middle of the first: some tables may be masked and none verified, so the job fails and says
 * how to start again, rather than mask masked values and verify against them.
 */
@ApplicationScoped
public class MaskingWorker {

    @Inject
    VdbConnections connections;

    @Inject
    DatabaseMasking masking;

    private record Attempt(int number, KnownVdb vdb, DatabaseMasking.Instructions instructions) {
    }

    /** Masks the job's database with the job's rules; returns the report. */
    public Map<String, Object> mask(UUID jobId, Progress progress) {
        Attempt attempt = QuarkusTransaction.requiringNew().call(() -> begin(jobId));
        if (attempt.number() > 1) {
            throw new IllegalStateException("The masking service stopped while masking virtual database " + attempt
                    .vdb().name + ": the tables it had finished are masked, the others are not, and nothing was "
                    + "verified. Refresh the virtual database (POST /api/v1/vdbs/" + attempt.vdb().id
                    + "/refresh) and run the masking job again.");
        }
        ConnectionFactory database = connections.to(attempt.vdb());
        return masking.run(database, "virtual database " + attempt.vdb().name, attempt.instructions(), progress);
    }

    private static Attempt begin(UUID jobId) {
        MaskingRun run = MaskingRun.findById(jobId);
        run.attempts++;
        return new Attempt(run.attempts, KnownVdb.findById(run.vdbId), run.instructions(run.subset));
    }
}
