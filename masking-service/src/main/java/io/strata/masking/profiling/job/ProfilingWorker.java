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
import io.strata.masking.job.VdbConnections;
import io.strata.masking.known.KnownVdb;
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
        DatabaseProfiler profiler = new DatabaseProfiler(new ColumnProfiler(LocalDate.now(ZoneOffset.UTC)), target
                .sampleRows());
        try (Connection connection = connections.to(vdb).open()) {
            Inventory inventory = profiler.profile(connection, vdb.id, progress);
            Log.infof("Profiled %s: %d tables sampled, %d columns found, %d rules suggested", vdb.name, inventory
                    .tablesSampled(), inventory.columns().size(), inventory.ruleset().rules().size());
            return inventory;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read virtual database " + vdb.name + ": " + Errors.rootMessage(
                    e), e);
        }
    }

    /** The inventory of a source snapshot, read on the job's temporary working virtual database. */
    public Inventory profileCopy(UUID jobId, ProfilingWork work, Progress progress) {
        int sampleRows = QuarkusTransaction.requiringNew()
                .call(() -> ProfilingRun.<ProfilingRun>findById(jobId).sampleRows);
        progress.report(5, "reading the working copy of " + work.sourceSnapshot());
        try (Connection connection = connections.to(work.workingVdb(), work.connection()).open()) {
            DatabaseProfiler profiler = new DatabaseProfiler(new ColumnProfiler(LocalDate.now(ZoneOffset.UTC)),
                    sampleRows);
            Inventory inventory = profiler.profile(connection, work.sourceSnapshot(), progress);
            Log.infof("Profiled snapshot %s: %d tables sampled, %d columns found", work.sourceSnapshot(), inventory
                    .tablesSampled(), inventory.columns().size());
            return inventory;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the working copy of snapshot " + work.sourceSnapshot()
                    + ": " + Errors.rootMessage(e), e);
        }
    }
}
