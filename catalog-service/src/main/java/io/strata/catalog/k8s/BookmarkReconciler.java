package io.strata.catalog.k8s;

import java.time.Duration;
import java.util.Optional;

import jakarta.inject.Inject;

import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.quarkus.logging.Log;
import io.strata.catalog.bookmarks.BookmarkService;
import io.strata.catalog.datapods.DataPodService;
import io.strata.catalog.datapods.DataPodViews.DataPodView;
import io.strata.common.errors.ApiException;
import io.strata.common.events.Correlation;
import io.strata.common.jobs.JobService;
import io.strata.contracts.catalog.BookmarkView;
import io.strata.contracts.catalog.CreateBookmark;
import io.strata.contracts.jobs.JobState;
import io.strata.contracts.jobs.JobView;
import io.strata.kubernetes.v1alpha1.Bookmark;
import io.strata.kubernetes.v1alpha1.BookmarkSpec;
import io.strata.kubernetes.v1alpha1.BookmarkStatus;
import io.strata.kubernetes.v1alpha1.StatusConditions;
import io.strata.kubernetes.v1alpha1.StrataResources;
import io.strata.operator.Specs;
import io.strata.operator.StatusReconciler;

/**
 * Converges a {@link Bookmark} resource through the same code as {@code POST /api/v1/datapods/{id}/bookmarks}: the
 * pod's bookmark operation is started under the resource's uid, so a restart before the bookmark exists finds that
 * job and waits for it rather than bookmarking twice; the bookmark remembers the resource; deleting the resource
 * deletes the bookmark (its snapshots released) before the finalizer lets it go.
 */
@ControllerConfiguration(name = "bookmark", finalizerName = StrataResources.FINALIZER)
public class BookmarkReconciler extends StatusReconciler<Bookmark, BookmarkStatus> implements Cleaner<Bookmark> {

    @Inject
    DataPodService pods;

    @Inject
    BookmarkService bookmarks;

    @Inject
    JobService jobs;

    @Override
    protected BookmarkStatus newStatus() {
        return new BookmarkStatus();
    }

    @Override
    protected Duration converge(Bookmark resource, BookmarkStatus status, StatusConditions conditions) {
        Optional<BookmarkView> existing = bookmarks.managedBy(key(resource));
        if (existing.isPresent()) {
            BookmarkView bookmark = existing.get();
            status.setId(bookmark.id());
            status.setState(bookmark.status());
            status.setSnapshots(bookmark.points() == null ? 0 : bookmark.points().size());
            status.setJobId(bookmark.jobId() == null ? null : bookmark.jobId().toString());
            if ("READY".equals(bookmark.status())) {
                conditions.isTrue(StrataResources.READY, "Ready", "Bookmark " + bookmark.name() + " holds "
                        + status.getSnapshots() + " snapshots.");
                return null;
            }
            conditions.isFalse(StrataResources.READY, "Pending", "Bookmark " + bookmark.name() + " is "
                    + bookmark.status() + " (job " + bookmark.jobId() + ").");
            return operatorConfig.operatorPoll();
        }
        Optional<JobView> started = jobs.firstCorrelatedWith(resource.getMetadata().getUid());
        if (started.isPresent()) {
            JobView job = started.get();
            status.setJobId(job.id().toString());
            if (job.state() == JobState.FAILED || job.state() == JobState.CANCELED) {
                conditions.isFalse(StrataResources.READY, "Failed", "Bookmarking failed (job " + job.id() + "): "
                        + job.error());
                return null;
            }
            conditions.isFalse(StrataResources.READY, "Bookmarking", "Job " + job.id() + " is taking the "
                    + "snapshots.");
            return operatorConfig.operatorPoll();
        }
        return start(resource, status, conditions);
    }

    private Duration start(Bookmark resource, BookmarkStatus status, StatusConditions conditions) {
        BookmarkSpec spec = resource.getSpec();
        Optional<DataPodView> pod = pods.managedBy(resource.getMetadata().getNamespace() + "/" + spec.getDataPod());
        if (pod.isEmpty() || !"READY".equals(pod.get().status())) {
            conditions.isFalse(StrataResources.READY, pod.isEmpty() ? "NotFound" : "Waiting", pod.isEmpty()
                    ? "There is no DataPod " + spec.getDataPod() + " made by Strata in this namespace (yet)."
                    : "DataPod " + spec.getDataPod() + " is " + pod.get().status() + "; bookmarked once it is "
                            + "READY.");
            return pod.isEmpty() ? operatorConfig.notFoundRetry() : operatorConfig.operatorPoll();
        }
        try {
            CreateBookmark request = new CreateBookmark(spec.getName() != null
                    ? spec.getName()
                    : resource.getMetadata().getName(), null, null, spec.getTags(), spec.getShared(),
                    Specs.instant(
                            spec.getExpiresAt(), "expiresAt"));
            DataPodService.Started started = Correlation.with(resource.getMetadata().getUid(), null, () -> pods
                    .bookmark(pod.get().id(), request, key(resource)));
            Log.infof("Bookmark %s: bookmarking %s as %s (job %s)", key(resource), pod.get().name(), started.id(),
                    started.job().id);
            status.setId(started.id());
            status.setJobId(started.job().id.toString());
            conditions.isFalse(StrataResources.READY, "Bookmarking", "Job " + started.job().id + " is taking the "
                    + "snapshots.");
            return operatorConfig.operatorPoll();
        } catch (ApiException e) {
            conditions.isFalse(StrataResources.READY, Specs.reason(e), Specs.message(e));
            return e.status() == 409 ? operatorConfig.operatorPoll() : null;
        }
    }

    @Override
    public DeleteControl cleanup(Bookmark resource, Context<Bookmark> context) {
        return asOperator.call(() -> release(resource));
    }

    private DeleteControl release(Bookmark resource) {
        Optional<BookmarkView> existing = bookmarks.managedBy(key(resource));
        if (existing.isEmpty()) {
            Optional<JobView> started = jobs.firstCorrelatedWith(resource.getMetadata().getUid());
            if (started.isPresent() && (started.get().state() == JobState.PENDING || started.get()
                    .state() == JobState.RUNNING)) {
                // Still being made: deleted once it exists.
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(operatorConfig.operatorPoll().toMillis());
            }
            Log.infof("Bookmark %s: its bookmark is gone", key(resource));
            return DeleteControl.defaultDelete();
        }
        if ("READY".equals(existing.get().status())) {
            try {
                Log.infof("Bookmark %s: deleting %s (job %s)", key(resource), existing.get().id(), bookmarks.delete(
                        existing.get().id()).id);
            } catch (ApiException e) {
                Log.infof("Bookmark %s: not deleted yet: %s", key(resource), e.getMessage());
            }
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(operatorConfig.operatorPoll().toMillis());
    }
}
