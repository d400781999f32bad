package io.strata.masking.job;

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
import io.strata.masking.known.KnownVdb;
import io.strata.masking.postgres.ConnectionFactory;
import io.strata.masking.ruleset.Ruleset;
import io.strata.masking.subset.SubsetError;
import io.strata.masking.subset.SubsetRequest;
import io.strata.masking.subset.SubsetRequestValidator;
import io.strata.masking.subset.SubsetSchema;

/**
 * The rules of masking jobs: the virtual database runs and no other masking job works on it, the ruleset exists and
 * fits the database (every table and column found, every algorithm accepted for its column, checked on the database
 * itself before anything starts); then the operation ({@link MaskingOperations}) does the work.
 */
@ApplicationScoped
public class MaskingService {

    @Inject
    OperationMachine operations;

    @Inject
    VdbConnections connections;

    @Inject
    MaskingPlans plans;

    /** Checks a request on the database it names, then starts masking it. */
    public Job maskVdb(MaskingJobRequest request, String requestedBy) {
        Target target = QuarkusTransaction.requiringNew().call(() -> target(request));
        ConnectionFactory database = connections.to(target.vdb());
        try {
            if (target.ruleset() != null) {
                plans.plan(database, target.ruleset().rules, target.ruleset().publicText, target.ruleset().keyPins);
            }
            if (request.subset() != null) {
                try (Connection connection = database.open()) {
                    new SubsetRequestValidator(connection, SubsetSchema.read(connection)).check(request.subset());
                }
            }
        } catch (MaskingPlans.RuleMismatch e) {
            throw ApiException.badRequest(e.field(), "Ruleset " + target.ruleset().name + ": " + e.getMessage());
        } catch (SubsetError e) {
            throw ApiException.badRequest("subset." + e.field(), e.getMessage());
        } catch (SQLException e) {
            throw ApiException.conflict("Cannot read virtual database " + target.vdb().name + ": " + Errors
                    .rootMessage(e) + " Is it running? POST /api/v1/vdbs/" + target.vdb().id + "/start starts it.");
        }
        return QuarkusTransaction.requiringNew().call(() -> start(target, request.subset(), requestedBy));
    }

    private record Target(KnownVdb vdb, Ruleset ruleset) {
    }

    private static Target target(MaskingJobRequest request) {
        KnownVdb vdb = KnownVdb.byIdOrName(request.vdb());
        if (vdb == null) {
            throw ApiException.badRequest("vdb", "No virtual database '" + request.vdb() + "'; GET /api/v1/vdbs "
                    + "lists them.");
        }
        if (vdb.status != KnownVdb.Status.RUNNING) {
            throw ApiException.conflict("Virtual database " + vdb.name + " is " + vdb.status + "; only a running "
                    + "one can be masked.");
        }
        if (request.ruleset() == null || request.ruleset().isBlank()) {
            if (request.subset() == null) {
                throw ApiException.badRequest("ruleset", "ruleset is required: the id or name of a ruleset (GET "
                        + "/api/v1/rulesets) to mask with, or a subset alone to only subset the virtual database.");
            }
            return new Target(vdb, null);
        }
        Ruleset ruleset = Ruleset.byIdOrName(request.ruleset());
        if (ruleset == null) {
            throw ApiException.badRequest("ruleset", "No ruleset '" + request.ruleset() + "'; GET /api/v1/rulesets "
                    + "lists them.");
        }
        return new Target(vdb, ruleset);
    }

    private Job start(Target target, SubsetRequest subset, String requestedBy) {
        if (MaskingRun.count("vdbId = ?1 and status = ?2", target.vdb().id, MaskingRun.Status.RUNNING) > 0) {
            throw ApiException.conflict("Virtual database " + target.vdb().name + " is being masked already; wait "
                    + "for that job to end.");
        }
        Ruleset ruleset = target.ruleset() == null ? null : Ruleset.findById(target.ruleset().id);
        Job job = operations.start(MaskingOperation.MASK_VDB, target.vdb().id, new MaskingWork(target.vdb().id,
                null), requestedBy);
        MaskingRun run = new MaskingRun();
        run.jobId = job.id;
        run.vdbId = target.vdb().id;
        run.takeRuleset(ruleset);
        run.rulesetId = ruleset == null ? null : ruleset.id;
        run.subset = subset;
        run.status = MaskingRun.Status.RUNNING;
        run.createdAt = Instant.now();
        run.persist();
        Log.infof("%s %s: job %s", ruleset == null ? "Subsetting" : "Masking", target.vdb().name, job.id);
        return job;
    }

    /** Every masking run, newest first. */
    @Transactional
    public List<MaskingRunView> list() {
        return MaskingRun.<MaskingRun>listAll().stream().sorted(Comparator.comparing((MaskingRun run) -> run.createdAt)
                .reversed()).map(MaskingRunView::of).toList();
    }

    /** One masking run by its job's id, or 404. */
    @Transactional
    public MaskingRunView view(String jobId) {
        MaskingRun run = null;
        try {
            run = MaskingRun.findById(UUID.fromString(jobId));
        } catch (IllegalArgumentException e) {
            // Not a job id: no such run.
        }
        if (run == null) {
            throw ApiException.notFound("masking job", jobId);
        }
        return MaskingRunView.of(run);
    }
}
