package io.strata.masking.dataset;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;
import io.strata.common.errors.ApiException;
import io.strata.common.events.EventPublisher;
import io.strata.common.jobs.Job;
import io.strata.common.operations.OperationMachine;
import io.strata.common.secrets.SecretStore;
import io.strata.common.security.Caller;
import io.strata.common.storage.VolumeReturns;
import io.strata.common.util.Ids;
import io.strata.contracts.masking.MaskedDatasetChanged;
import io.strata.contracts.provisioning.DeleteWorkingVdbRequested;
import io.strata.contracts.storage.DeleteSnapshotRequested;
import io.strata.masking.ruleset.Ruleset;

/**
 * The rules of masked datasets: a name of its own, a ruleset that exists, a source whose snapshots this service has
 * heard of (and not a masked dataset: masked data is not masked again). Making one masks the source's newest
 * snapshot; every later snapshot of the source is masked as it is announced ({@link SnapshotEvents}).
 */
@ApplicationScoped
public class MaskedDatasetService {

    @Inject
    OperationMachine operations;

    @Inject
    EventPublisher events;

    @Inject
    SecretStore secrets;

    @Inject
    Caller caller;

    /** Makes a masked dataset and starts masking the source's newest snapshot; returns that job. */
    @Transactional
    public Map<String, Object> create(CreateMaskedDataset request, String requestedBy) {
        return create(request, requestedBy, null);
    }

    /**
     * Makes a masked dataset for a Kubernetes resource ({@code namespace/name}), which it remembers ({@code null} for
     * one made over REST), and starts masking the source's newest snapshot; returns that job.
     */
    @Transactional
    public Map<String, Object> create(CreateMaskedDataset request, String requestedBy, String managedBy) {
        if (MaskedDataset.count("name", request.name()) > 0) {
            throw ApiException.conflict("A masked dataset named " + request.name() + " exists already; choose "
                    + "another name.");
        }
        Ruleset ruleset = Ruleset.byIdOrName(request.ruleset());
        if (ruleset == null) {
            throw ApiException.badRequest("ruleset", "No ruleset '" + request.ruleset() + "'; GET /api/v1/rulesets "
                    + "lists them.");
        }
        if (MaskedDataset.findById(request.source()) != null) {
            throw ApiException.badRequest("source", request.source() + " is a masked dataset; name the source it "
                    + "follows instead (masked data is not masked again).");
        }
        SourceSnapshot latest = SourceSnapshot.latestOf(request.source());
        if (latest == null) {
            throw ApiException.badRequest("source", "No snapshot of '" + request.source() + "' is known; give the "
                    + "id of a linked source (GET /api/v1/sources) once its link has succeeded.");
        }
        if (!latest.maskable()) {
            throw ApiException.badRequest("source", request.source() + " holds " + latest.engine() + " data; masked "
                    + "datasets are made of PostgreSQL and MariaDB sources.");
        }
        MaskedDataset dataset = new MaskedDataset();
        dataset.id = Ids.next("md");
        dataset.name = request.name();
        dataset.source = request.source();
        dataset.rulesetId = ruleset.id;
        dataset.resetUsers = request.resetsUsers();
        dataset.disableRoles = request.rolesToDisable();
        dataset.subset = request.subset();
        dataset.createdAt = Instant.now();
        dataset.managedBy = managedBy;
        dataset.persist();
        events.publish(changed(dataset, "ACTIVE"));
        Job job = maskSnapshot(dataset, latest, requestedBy);
        return Map.of("id", dataset.id, "jobId", job.id);
    }

    /** Masks the source's newest snapshot again (after a failure, or after the ruleset changed). */
    @Transactional
    public Map<String, Object> refresh(String id, String requestedBy) {
        MaskedDataset dataset = require(id);
        SourceSnapshot latest = SourceSnapshot.latestOf(dataset.source);
        if (latest == null) {
            throw ApiException.conflict("The source " + dataset.source + " has no snapshot left to mask.");
        }
        if (MaskedSnapshot.count("maskedDataset = ?1 and sourceSnapshot = ?2 and status = ?3", dataset.id,
                latest.id, MaskedSnapshot.Status.RUNNING) > 0) {
            throw ApiException.conflict("Snapshot " + latest.id + " is being masked for " + dataset.name + " already; "
                    + "wait for that job.");
        }
        Job job = maskSnapshot(dataset, latest, requestedBy);
        return Map.of("id", dataset.id, "jobId", job.id);
    }

    /**
     * Starts masking one source snapshot for a masked dataset, with the ruleset as it is now, in the caller's
     * transaction.
     */
    public Job maskSnapshot(MaskedDataset dataset, SourceSnapshot snapshot, String requestedBy) {
        Ruleset ruleset = Ruleset.findById(dataset.rulesetId);
        if (ruleset == null) {
            throw ApiException.conflict("The ruleset of " + dataset.name + " was deleted.");
        }
        MaskedSnapshotWork work = new MaskedSnapshotWork(dataset.id, snapshot.id, Ids.next("vdb"), Ids.next("vol"),
                Ids.next("snap"), null, null);
        Job job = operations.start(MaskedSnapshotOperation.MASK_SNAPSHOT, dataset.id, work, requestedBy);
        MaskedSnapshot run = new MaskedSnapshot();
        run.jobId = job.id;
        run.maskedDataset = dataset.id;
        run.sourceSnapshot = snapshot.id;
        run.takeRuleset(ruleset);
        run.status = MaskedSnapshot.Status.RUNNING;
        run.createdAt = Instant.now();
        run.persist();
        Log.infof("Masking snapshot %s for %s with ruleset %s v%d: job %s", snapshot.id, dataset.name, ruleset.name,
                ruleset.version, job.id);
        return job;
    }

    /**
     * Deletes a masked dataset no masking is running for: later snapshots of its source are no longer masked, and its
     * masked snapshots are deleted (the snapshot service keeps those that virtual databases still depend on, until
     * they are deleted).
     */
    @Transactional
    public void delete(String id) {
        MaskedDataset dataset = require(id);
        caller.requireMayDeleteManaged("Masked dataset " + dataset.name, dataset.managedBy, "MaskedDataset",
                "maskeddataset");
        if (MaskedSnapshot.count("maskedDataset = ?1 and status = ?2", dataset.id, MaskedSnapshot.Status.RUNNING) > 0) {
            throw ApiException.conflict("A snapshot is being masked for " + dataset.name + "; delete it when that job "
                    + "has ended.");
        }
        for (MaskedSnapshot run : MaskedSnapshot.ofDataset(dataset.id)) {
            if (run.snapshotId != null) {
                events.publish(new DeleteSnapshotRequested("delete-" + run.snapshotId, run.snapshotId));
            }
            run.delete();
        }
        if (dataset.keptVdb != null) {
            events.publish(new DeleteWorkingVdbRequested("delete-" + dataset.id, dataset.keptVdb));
        }
        VolumeReturns.giveBack(events, "delete-" + dataset.id, dataset.keptVolume);
        events.publish(changed(dataset, "DELETED"));
        dataset.delete();
        Log.infof("Masked dataset %s (%s) deleted", dataset.name, dataset.id);
    }

    /** The masked dataset made for a Kubernetes resource ({@code namespace/name}), if there is one. */
    @Transactional
    public Optional<MaskedDatasetView> managedBy(String resource) {
        return MaskedDataset.<MaskedDataset>find("managedBy", resource).firstResultOptional().map(
                MaskedDatasetView::of);
    }

    /** Every masked dataset, by name. */
    @Transactional
    public List<MaskedDatasetView> list() {
        return MaskedDataset.<MaskedDataset>listAll(Sort.by("name")).stream().map(MaskedDatasetView::of).toList();
    }

    /** One masked dataset, or 404. */
    @Transactional
    public MaskedDatasetView view(String id) {
        return MaskedDatasetView.of(require(id));
    }

    /** The report of one masked snapshot (by its id or its job's), or 404. */
    @Transactional
    public Map<String, Object> report(String id, String snapshotId) {
        MaskedDataset dataset = require(id);
        MaskedSnapshot run = MaskedSnapshot.find("maskedDataset = ?1 and snapshotId = ?2", dataset.id, snapshotId)
                .firstResult();
        if (run == null) {
            run = byJob(dataset, snapshotId);
        }
        if (run == null) {
            throw ApiException.notFound("masked snapshot", snapshotId);
        }
        if (run.report == null) {
            throw ApiException.conflict("The masking of " + run.sourceSnapshot + " is " + run.status
                    + (run.error == null ? "" : ": " + run.error) + "; there is no report.");
        }
        return run.report;
    }

    /** The new passwords of a masked snapshot's database roles (for admins), or 404. */
    @Transactional
    public Map<String, Object> credentials(String id, String snapshotId) {
        MaskedDataset dataset = require(id);
        MaskedSnapshot run = MaskedSnapshot.find("maskedDataset = ?1 and snapshotId = ?2", dataset.id, snapshotId)
                .firstResult();
        if (run == null) {
            throw ApiException.notFound("masked snapshot", snapshotId);
        }
        return Map.of("snapshot", snapshotId, "roles", secrets.get(MaskedSnapshotWorker.credentialsName(
                snapshotId)));
    }

    private static MaskedDatasetChanged changed(MaskedDataset dataset, String state) {
        return new MaskedDatasetChanged(dataset.id, dataset.name, dataset.source, dataset.rulesetId, state,
                dataset.createdAt, Instant.now());
    }

    private static MaskedSnapshot byJob(MaskedDataset dataset, String jobId) {
        try {
            MaskedSnapshot run = MaskedSnapshot.findById(UUID.fromString(jobId));
            return run != null && run.maskedDataset.equals(dataset.id) ? run : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static MaskedDataset require(String id) {
        MaskedDataset dataset = MaskedDataset.byIdOrName(id);
        if (dataset == null) {
            throw ApiException.notFound("masked dataset", id);
        }
        return dataset;
    }
}
