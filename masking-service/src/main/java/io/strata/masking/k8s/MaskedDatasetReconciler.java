package io.strata.masking.k8s;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.quarkus.logging.Log;
import io.strata.common.errors.ApiException;
import io.strata.kubernetes.v1alpha1.MaskedDataset;
import io.strata.kubernetes.v1alpha1.MaskedDatasetSpec;
import io.strata.kubernetes.v1alpha1.MaskedDatasetStatus;
import io.strata.kubernetes.v1alpha1.Source;
import io.strata.kubernetes.v1alpha1.StatusConditions;
import io.strata.kubernetes.v1alpha1.StrataResources;
import io.strata.masking.dataset.CreateMaskedDataset;
import io.strata.masking.dataset.MaskedDatasetService;
import io.strata.masking.dataset.MaskedDatasetView;
import io.strata.masking.dataset.MaskedSnapshot;
import io.strata.masking.ruleset.RulesetService;
import io.strata.masking.ruleset.RulesetView;
import io.strata.masking.subset.SubsetRequest;
import io.strata.operator.Specs;
import io.strata.operator.StatusReconciler;

/**
 * Converges a {@link MaskedDataset} resource through the same {@link MaskedDatasetService} as
 * {@code POST /api/v1/masked-datasets}: once its Source is linked and its ruleset made, the first reconcile makes the
 * masked dataset (which remembers the resource, so a restart finds it again), which masks the source's newest
 * snapshot and each later one; later reconciles copy its newest masked snapshot and last masking into the status. A
 * masked dataset cannot change: a later spec that differs is reported in Ready. Deleting the resource deletes it and
 * its masked snapshots before the finalizer lets it go.
 */
@ControllerConfiguration(name = "maskeddataset", finalizerName = StrataResources.FINALIZER)
public class MaskedDatasetReconciler extends StatusReconciler<MaskedDataset, MaskedDatasetStatus>
        implements
            Cleaner<MaskedDataset> {

    /** Refusals that name what may come later: the source's first snapshot, a ruleset not made yet. */
    private static final Set<String> LATER = Set.of("source", "ruleset");

    @Inject
    MaskedDatasetService datasets;

    @Inject
    RulesetService rulesets;

    @Inject
    KubernetesClient client;

    @Inject
    Validator validator;

    @Override
    protected MaskedDatasetStatus newStatus() {
        return new MaskedDatasetStatus();
    }

    @Override
    protected Duration converge(MaskedDataset resource, MaskedDatasetStatus status, StatusConditions conditions) {
        String digest = Specs.digest(resource.getSpec());
        try {
            Optional<MaskedDatasetView> existing = datasets.managedBy(key(resource));
            if (existing.isEmpty()) {
                return make(resource, status, conditions, digest);
            }
            MaskedDatasetView.Masking last = describe(existing.get(), status, conditions);
            if (Specs.fixedPartChanged(status.getSpecDigest(), digest, conditions, "MaskedDataset " + key(resource),
                    "a masked dataset cannot change (another source or ruleset is another masked dataset)",
                    "maskeddataset")) {
                return null;
            }
            status.setSpecDigest(digest);
            return last != null && last.status() == MaskedSnapshot.Status.RUNNING
                    ? operatorConfig.operatorPoll()
                    : operatorConfig.statusRefresh();
        } catch (ApiException e) {
            conditions.isFalse(StrataResources.READY, Specs.reason(e), Specs.message(e));
            return e.status() == 404 || (e.status() == 400 && LATER.contains(e.field()))
                    ? operatorConfig.notFoundRetry()
                    : null;
        }
    }

    private Duration make(MaskedDataset resource, MaskedDatasetStatus status, StatusConditions conditions,
            String digest) {
        MaskedDatasetSpec spec = resource.getSpec() == null ? new MaskedDatasetSpec() : resource.getSpec();
        String namespace = resource.getMetadata().getNamespace();
        String ruleset = spec.getRuleset() == null
                ? null
                : rulesets.managedBy(namespace + "/" + spec
                        .getRuleset()).map(RulesetView::id).orElse(spec.getRuleset());
        CreateMaskedDataset request = Specs.valid(validator, request(resource, sourceId(namespace, spec), ruleset));
        Map<String, Object> made = datasets.create(request, null, key(resource));
        Log.infof("MaskedDataset %s: made %s, masking job %s", key(resource), made.get("id"), made.get("jobId"));
        status.setId(String.valueOf(made.get("id")));
        status.setSourceId(request.source());
        status.setJobId(String.valueOf(made.get("jobId")));
        status.setLastMasking(MaskedSnapshot.Status.RUNNING.name());
        status.setSpecDigest(digest);
        conditions.isFalse(StrataResources.READY, "Masking", "Job " + made.get("jobId") + " is masking the "
                + "source's newest snapshot.");
        return operatorConfig.operatorPoll();
    }

    /**
     * The Strata id of the source a spec names: {@code sourceId}, or the id of the Source resource {@code source} once
     * it is Ready (404 until then, so the masked dataset is made after its source's first snapshot).
     */
    private String sourceId(String namespace, MaskedDatasetSpec spec) {
        if ((spec.getSource() == null) == (spec.getSourceId() == null)) {
            throw ApiException.badRequest("source", "Give exactly one of spec.source (a Source resource of this "
                    + "namespace) and spec.sourceId (a source linked over REST).");
        }
        if (spec.getSourceId() != null) {
            return spec.getSourceId();
        }
        Source source = client.resources(Source.class).inNamespace(namespace).withName(spec.getSource()).get();
        if (source == null || source.getStatus() == null || source.getStatus().getId() == null
                || !StatusConditions.isTrue(source.getStatus(), StrataResources.READY)) {
            throw new ApiException(404, "Source " + namespace + "/" + spec.getSource() + " is not "
                    + (source == null ? "there" : "Ready") + " yet; the masked dataset is made once it is.",
                    "source");
        }
        return source.getStatus().getId();
    }

    /** The spec's subset has the REST request's shape, field for field. */
    private static final ObjectMapper SUBSET = new ObjectMapper();

    /** The REST request a spec stands for, with the source and the ruleset resolved to Strata ids. */
    static CreateMaskedDataset request(MaskedDataset resource, String sourceId, String ruleset) {
        MaskedDatasetSpec spec = resource.getSpec() == null ? new MaskedDatasetSpec() : resource.getSpec();
        String name = spec.getName() != null ? spec.getName() : resource.getMetadata().getName();
        SubsetRequest subset = spec.getSubset() == null
                ? null
                : SUBSET.convertValue(spec.getSubset(), SubsetRequest.class);
        return new CreateMaskedDataset(name, sourceId, ruleset, spec.getResetUsers(), spec.getDisableRoles(), subset);
    }

    /** Copies the masked dataset into the status and sets Ready; its last masking, or {@code null}. */
    private static MaskedDatasetView.Masking describe(MaskedDatasetView dataset, MaskedDatasetStatus status,
            StatusConditions conditions) {
        MaskedDatasetView.Masking last = dataset.snapshots().isEmpty()
                ? null
                : dataset.snapshots().get(dataset
                        .snapshots().size() - 1);
        status.setId(dataset.id());
        status.setSourceId(dataset.source());
        status.setRulesetId(dataset.ruleset());
        status.setLatestSnapshot(dataset.latestSnapshot());
        status.setLastMasking(last == null ? null : last.status().name());
        status.setJobId(last == null ? null : last.jobId().toString());
        status.setRulesetVersion(last == null ? null : last.rulesetVersion());
        String lastFailed = last != null && last.status() == MaskedSnapshot.Status.FAILED
                ? "its last masking failed: " + last.error() + " (POST /api/v1/masked-datasets/" + dataset.id()
                        + "/refresh masks again)"
                : null;
        if (dataset.latestSnapshot() != null) {
            conditions.isTrue(StrataResources.READY, "Masked", "Masked dataset " + dataset.name() + ": newest "
                    + "masked snapshot " + dataset.latestSnapshot() + (lastFailed == null
                            ? "."
                            : "; " + lastFailed
                                    + "."));
        } else if (lastFailed != null) {
            conditions.isFalse(StrataResources.READY, "Failed", "Masked dataset " + dataset.name() + " has no "
                    + "masked snapshot: " + lastFailed + ".");
        } else {
            conditions.isFalse(StrataResources.READY, "Masking", "Job " + status.getJobId() + " is masking "
                    + "the source's newest snapshot.");
        }
        return last;
    }

    @Override
    public DeleteControl cleanup(MaskedDataset resource, Context<MaskedDataset> context) {
        return asOperator.call(() -> release(resource));
    }

    private DeleteControl release(MaskedDataset resource) {
        Optional<MaskedDatasetView> existing = datasets.managedBy(key(resource));
        if (existing.isPresent()) {
            try {
                datasets.delete(existing.get().id());
                Log.infof("MaskedDataset %s: deleted %s", key(resource), existing.get().id());
            } catch (ApiException e) {
                // A snapshot is being masked for it: deleted once that job ends.
                Log.infof("MaskedDataset %s: not deleted yet: %s", key(resource), e.getMessage());
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(operatorConfig.operatorPoll().toMillis());
            }
        }
        return DeleteControl.defaultDelete();
    }
}
