package io.strata.masking.profiling.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.strata.common.errors.Errors;
import io.strata.common.operations.Progress;
import io.strata.masking.dataset.SourceSnapshot;
import io.strata.masking.dataset.WorkingCopy;
import io.strata.masking.job.VdbConnections;
import io.strata.masking.known.KnownVdb;
import io.strata.masking.profiling.ColumnProfiler;
import io.strata.masking.profiling.DatabaseProfiler;
import io.strata.masking.profiling.Inventory;

/**
 * Profiles a virtual database, outside any transaction of the service. It only reads, in a read-only transaction, so
 * after a restart it simply starts again.
 */
@ApplicationScoped
public class ProfilingWorker {

    @Inject
    VdbConnections connections;

    @Inject
    WorkingCopy workingCopy;

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

    /** The inventory of a source snapshot, read on an engine of this service's own on the job's temporary clone. */
    public Inventory profileClone(UUID jobId, ProfilingWork work, Progress progress) {
        Target target = QuarkusTransaction.requiringNew()
                .call(() -> new Target(null, ProfilingRun.<ProfilingRun>findById(jobId).sampleRows));
        progress.report(5, "starting a working engine on the clone of " + work.sourceSnapshot());
        WorkingCopy.Running engine = workingCopy.start(name(jobId), work.clonePath(), metadata(work));
        try (Connection connection = engine.connections().open()) {
            DatabaseProfiler profiler = new DatabaseProfiler(new ColumnProfiler(LocalDate.now(ZoneOffset.UTC)), target
                    .sampleRows());
            Inventory inventory = profiler.profile(connection, work.sourceSnapshot(), progress);
            Log.infof("Profiled snapshot %s: %d tables sampled, %d columns found", work.sourceSnapshot(), inventory
                    .tablesSampled(), inventory.columns().size());
            return inventory;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the clone of snapshot " + work.sourceSnapshot() + ": "
                    + Errors.rootMessage(e), e);
        } finally {
            workingCopy.stop(engine.database());
        }
    }

    /** Stops an engine a failed or interrupted attempt left on the temporary clone. */
    public void stopLeftover(UUID jobId, ProfilingWork work) {
        workingCopy.stopLeftover(name(jobId), work.clonePath(), metadata(work));
    }

    private static Map<String, String> metadata(ProfilingWork work) {
        return QuarkusTransaction.requiringNew().call(() -> {
            SourceSnapshot snapshot = SourceSnapshot.findById(work.sourceSnapshot());
            return snapshot == null || snapshot.metadata == null
                    ? Map.<String, String>of()
                    : Map.copyOf(
                            snapshot.metadata);
        });
    }

    private static String name(UUID jobId) {
        return "profile-" + jobId.toString().substring(0, 13);
    }
}
