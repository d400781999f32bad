package io.strata.masking.profiling.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.strata.common.errors.Errors;
import io.strata.common.operations.Progress;
import io.strata.masking.dataset.SourceSnapshot;
import io.strata.masking.job.VdbConnections;
import io.strata.masking.known.KnownVdb;
import io.strata.masking.postgres.ConnectionFactory;
import io.strata.masking.profiling.ColumnProfiler;
import io.strata.masking.profiling.DatabaseProfiler;
import io.strata.masking.profiling.Inventory;

/**
 * Profiles a virtual database, or the temporary working virtual database of a source snapshot, outside any
 * transaction of the service. It only reads, in a read-only transaction, so after a restart it simply starts again.
 */
@ApplicationScoped
public class ProfilingWorker {

    @Inject
    VdbConnections connections;

    private record Target(KnownVdb vdb, int sampleRows) {
    }

    /** The inventory of the job's virtual database. */
    public Inventory profile(UUID jobId, Progress progress) {
        Target target = QuarkusTransaction.requiringNew().call(() -> {
            ProfilingRun run = ProfilingRun.findById(jobId);
            return new Target(KnownVdb.findById(run.vdbId), run.sampleRows);
        });
        KnownVdb vdb = target.vdb();
        if (vdb == null || vdb.status != KnownVdb.Status.RUNNING) {
            throw new IllegalStateException("The virtual database to profile is no longer running; start it (POST "
                    + "/api/v1/vdbs/{id}/start) and profile it again.");
        }
        return read(connections.to(vdb), vdb.id, "virtual database " + vdb.name,
                target.sampleRows(), progress);
    }

    /** The inventory of a source snapshot, read on the job's temporary working virtual database. */
    public Inventory profileCopy(UUID jobId, ProfilingWork work, Progress progress) {
        int sampleRows = QuarkusTransaction.requiringNew()
                .call(() -> ProfilingRun.<ProfilingRun>findById(jobId).sampleRows);
        progress.report(5, "reading the working copy of " + work.sourceSnapshot());
        String engine = QuarkusTransaction.requiringNew().call(() -> SourceSnapshot.engineOf(work.sourceSnapshot()));
        return read(connections.to(engine, work.workingVdb(), work.connection()), work.sourceSnapshot(),
                "the working copy of snapshot " + work.sourceSnapshot(), sampleRows, progress);
    }

    /** Samples and judges the database behind {@code database} in a read-only transaction. */
    private static Inventory read(ConnectionFactory database, String dataset, String what, int sampleRows,
            Progress progress) {
        DatabaseProfiler profiler = new DatabaseProfiler(new ColumnProfiler(LocalDate.now(ZoneOffset.UTC)),
                sampleRows);
        try (Connection connection = database.open()) {
            Inventory inventory = profiler.profile(connection, dataset, progress);
            Log.infof("Profiled %s: %d tables sampled, %d columns found, %d rules suggested", what, inventory
                    .tablesSampled(), inventory.columns().size(), inventory.ruleset().rules().size());
            return inventory;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + what + ": " + Errors.rootMessage(e), e);
        }
    }
}
