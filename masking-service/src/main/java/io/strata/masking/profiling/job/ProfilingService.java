package io.strata.masking.profiling.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.strata.common.errors.ApiException;
import io.strata.common.errors.Errors;
import io.strata.common.jobs.Job;
import io.strata.common.operations.OperationMachine;
import io.strata.common.util.Ids;
import io.strata.masking.config.MaskingConfig;
import io.strata.masking.dataset.SourceSnapshot;
import io.strata.masking.job.MaskingRun;
import io.strata.masking.job.VdbConnections;
import io.strata.masking.known.KnownVdb;
import io.strata.masking.profiling.Inventory;

/**
 * The rules of profiling jobs: the dataset is a source whose snapshots this service knows (its newest snapshot is
 * profiled through a temporary clone), or a running PostgreSQL virtual database that no masking job is rewriting and
 * that the service can connect to; then the operation ({@link ProfilingOperations}) does the work. A source itself is
 * never read.
 */
@ApplicationScoped
public class ProfilingService {

    /** How long the check that the virtual database answers may take. */
    private static final int CHECK_SECONDS = 10;

    @Inject
    OperationMachine operations;

    @Inject
    VdbConnections connections;

    @Inject
    MaskingConfig config;

    /** Checks a request, then starts profiling its dataset. */
    public Job profile(ProfilingJobRequest request, String requestedBy) {
        int sampleRows = request.sampleRows() == null ? config.profileSampleRows() : request.sampleRows();
        Job ofSource = QuarkusTransaction.requiringNew().call(() -> profileSource(request.dataset(), sampleRows,
                requestedBy));
        if (ofSource != null) {
            return ofSource;
        }
        KnownVdb vdb = QuarkusTransaction.requiringNew().call(() -> target(request.dataset()));
        try (Connection connection = connections.to(vdb).open()) {
            if (!connection.isValid(CHECK_SECONDS)) {
                throw new SQLException("the connection does not answer.");
            }
        } catch (SQLException e) {
            throw ApiException.conflict("Cannot connect to virtual database " + vdb.name + ": " + Errors.rootMessage(
                    e) + " Is it running? POST /api/v1/vdbs/" + vdb.id + "/start starts it.");
        }
        return QuarkusTransaction.requiringNew().call(() -> start(vdb, request.dataset(), sampleRows, requestedBy));
    }

    /**
     * Starts profiling a source's newest snapshot through a temporary clone when the dataset is a source (or any
     * dataset with snapshots that is not a virtual database); {@code null} when it is not.
     */
    private Job profileSource(String dataset, int sampleRows, String requestedBy) {
        if (KnownVdb.byIdOrName(dataset) != null) {
            return null;
        }
        SourceSnapshot latest = SourceSnapshot.latestOf(dataset);
        if (latest == null) {
            return null;
        }
        if (!latest.maskable()) {
            throw ApiException.badRequest("dataset", dataset + " holds " + latest.engine() + " data; profiling reads "
                    + "PostgreSQL and MariaDB databases.");
        }
        Job job = operations.start(ProfilingOperation.PROFILE_SNAPSHOT, dataset, ProfilingWork.ofSnapshot(latest.id,
                Ids.next("vdb"), Ids.next("vol")), requestedBy);
        ProfilingRun run = new ProfilingRun();
        run.jobId = job.id;
        run.dataset = dataset;
        run.sourceSnapshot = latest.id;
        run.sampleRows = sampleRows;
        run.status = ProfilingRun.Status.RUNNING;
        run.createdAt = Instant.now();
        run.persist();
        Log.infof("Profiling snapshot %s of %s through a temporary working copy, up to %d rows per table: job %s",
                latest.id,
                dataset, sampleRows, job.id);
        return job;
    }

    private static KnownVdb target(String dataset) {
        KnownVdb vdb = KnownVdb.byIdOrName(dataset);
        if (vdb == null) {
            throw ApiException.badRequest("dataset", notAVdb(dataset));
        }
        if (vdb.status != KnownVdb.Status.RUNNING) {
            throw ApiException.conflict("Virtual database " + vdb.name + " is " + vdb.status + "; only a running "
                    + "one can be profiled.");
        }
        if (!"postgresql".equals(vdb.engine)) {
            throw ApiException.badRequest("dataset", "Virtual database " + vdb.name + " runs " + vdb.engine + "; "
                    + "profiling reads PostgreSQL virtual databases for now.");
        }
        if (MaskingRun.count("vdbId = ?1 and status = ?2", vdb.id, MaskingRun.Status.RUNNING) > 0) {
            throw ApiException.conflict("Virtual database " + vdb.name + " is being masked; profile it once the "
                    + "masking job has ended, not while its values are half masked.");
        }
        return vdb;
    }

    /** What a request naming neither a virtual database nor a dataset with snapshots is told. */
    private static String notAVdb(String dataset) {
        List<KnownVdb> clones = KnownVdb.provisionedFrom(dataset);
        if (!clones.isEmpty()) {
            return "Source '" + dataset + "' has no snapshot that this service has heard of, so there is nothing to "
                    + "clone and profile; profile one of the virtual databases provisioned from it, "
                    + clones.stream().map(vdb -> vdb.name).toList() + ", or sync the source first.";
        }
        return "No virtual database and no source with snapshots named '" + dataset + "'. Give a linked source's id "
                + "(its newest snapshot is profiled through a temporary clone; the source itself is never read) or a "
                + "running virtual database's (GET /api/v1/vdbs), or provision a virtual database from it first "
                + "(POST /api/v1/vdbs).";
    }

    private Job start(KnownVdb vdb, String dataset, int sampleRows, String requestedBy) {
        Job job = operations.start(ProfilingOperation.PROFILE_VDB, vdb.id, ProfilingWork.ofVdb(vdb.id),
                requestedBy);
        ProfilingRun run = new ProfilingRun();
        run.jobId = job.id;
        run.dataset = dataset;
        run.vdbId = vdb.id;
        run.sampleRows = sampleRows;
        run.status = ProfilingRun.Status.RUNNING;
        run.createdAt = Instant.now();
        run.persist();
        Log.infof("Profiling %s, up to %d rows per table: job %s", vdb.name, sampleRows, job.id);
        return job;
    }

    /** Every profiling run, newest first. */
    @Transactional
    public List<ProfilingRunView> list() {
        return ProfilingRun.<ProfilingRun>listAll().stream().sorted(Comparator.comparing(
                (ProfilingRun run) -> run.createdAt).reversed()).map(ProfilingRunView::of).toList();
    }

    /** One profiling run by its job's id, or 404. */
    @Transactional
    public ProfilingRunView view(String jobId) {
        return ProfilingRunView.of(require(jobId));
    }

    /** The inventory of a finished run; 404 for an unknown run, 409 while it runs or when it failed. */
    @Transactional
    public Inventory inventory(String jobId) {
        ProfilingRun run = require(jobId);
        return switch (run.status) {
            case SUCCEEDED -> run.inventory;
            case RUNNING -> throw ApiException.conflict("Profiling job " + jobId + " is still running; GET "
                    + "/api/v1/jobs/" + jobId + " shows how far it is.");
            case FAILED -> throw ApiException.conflict("Profiling job " + jobId + " failed, so it has no inventory: "
                    + run.error + " Start another (POST /api/v1/profiling-jobs) once that is fixed.");
        };
    }

    private static ProfilingRun require(String jobId) {
        ProfilingRun run = null;
        try {
            run = ProfilingRun.findById(UUID.fromString(jobId));
        } catch (IllegalArgumentException e) {
            // Not a job id: no such run.
        }
        if (run == null) {
            throw ApiException.notFound("profiling job", jobId);
        }
        return run;
    }
}
