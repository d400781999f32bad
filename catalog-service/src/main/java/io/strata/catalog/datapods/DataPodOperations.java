package io.strata.catalog.datapods;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.strata.catalog.bookmarks.BookmarkService;
import io.strata.catalog.bookmarks.NewPodBookmark;
import io.strata.common.events.EventPublisher;
import io.strata.common.jobs.JobService;
import io.strata.common.operations.Operation;
import io.strata.common.operations.OperationDefinition;
import io.strata.contracts.catalog.BookmarkPoint;
import io.strata.contracts.events.Refusal;
import io.strata.contracts.events.Reply;
import io.strata.contracts.events.Topics;
import io.strata.contracts.provisioning.PodVdbCreateRequested;
import io.strata.contracts.provisioning.PodVdbDeleteRequested;
import io.strata.contracts.provisioning.PodVdbDone;
import io.strata.contracts.provisioning.PodVdbFailed;
import io.strata.contracts.provisioning.PodVdbMoveRequested;
import io.strata.contracts.provisioning.PodVdbPowerRequested;
import io.strata.contracts.provisioning.PodVdbSnapshotRequested;

/**
 * The steps of a data pod's operations, each a command to the provisioning service for every virtual database of the
 * pod at once (one part per virtual database, see {@link OperationDefinition#parts}); a step ends when all have
 * answered. A creation that fails asks for every virtual database to be deleted and leaves the pod FAILED; a move
 * that fails asks for the virtual databases to go back to the snapshots saved just before, so that the pod's
 * databases stay consistent with each other.
 */
@ApplicationScoped
public class DataPodOperations extends OperationDefinition<DataPodOperation, DataPodStep, DataPodWork> {

    @Inject
    EventPublisher events;

    @Inject
    JobService jobs;

    @Inject
    BookmarkService bookmarks;

    public DataPodOperations() {
        super(DataPodOperation.class, DataPodStep.class, DataPodWork.class);
    }

    @Override
    public Set<String> replySources() {
        return Set.of(Topics.PROVISIONING);
    }

    @Override
    public Set<Class<? extends Refusal>> refusals() {
        return Set.of(PodVdbFailed.class);
    }

    @Override
    protected int parts(Operation<DataPodOperation, DataPodStep, DataPodWork> operation) {
        return pod(operation).members.size();
    }

    /** Sends the step's command to every virtual database of the pod at once. */
    @Override
    protected void request(Operation<DataPodOperation, DataPodStep, DataPodWork> operation) {
        DataPod pod = pod(operation);
        DataPodWork work = operation.data();
        List<DataPodStep> steps = operation.kind().steps();
        jobs.progress(operation.jobId(), 100 * steps.indexOf(operation.step()) / steps.size(), describe(operation
                .step()) + " " + pod.members.size() + " virtual databases");
        for (int at = 0; at < pod.members.size(); at++) {
            PodMember member = pod.members.get(at);
            String requestId = operation.partRequestId(at);
            events.publish(switch (operation.step()) {
                case CREATE_VDB -> new PodVdbCreateRequested(requestId, member.vdbId(), member.vdbName(), work
                        .targets().get(at), pod.owners.get(0), pod.id,
                        pod.managedBy == null
                                ? null
                                : pod.managedBy.substring(0, pod.managedBy.indexOf('/')));
                case SNAPSHOT, SAVE, MARK -> new PodVdbSnapshotRequested(requestId, member.vdbId());
                case MOVE -> work.recoveryTime() != null
                        ? new PodVdbMoveRequested(requestId, member.vdbId(), null, work.recoveryTime())
                        : new PodVdbMoveRequested(requestId, member.vdbId(), work.targets().get(at));
                case DELETE_VDB -> new PodVdbDeleteRequested(requestId, member.vdbId());
                case POWER ->
                    new PodVdbPowerRequested(requestId, member.vdbId(), operation.kind() == DataPodOperation.START);
            });
        }
    }

    private static String describe(DataPodStep step) {
        return switch (step) {
            case CREATE_VDB -> "making";
            case SNAPSHOT -> "snapshotting";
            case SAVE -> "saving the state of";
            case MOVE -> "moving";
            case MARK -> "marking the moment on";
            case DELETE_VDB -> "deleting";
            case POWER -> "stopping or starting";
        };
    }

    /** One virtual database answered: what it answered goes to its place in the pod. */
    @Override
    protected DataPodWork replied(Operation<DataPodOperation, DataPodStep, DataPodWork> operation, Reply reply) {
        DataPod pod = pod(operation);
        DataPodWork work = operation.data();
        PodVdbDone done = (PodVdbDone) reply;
        int at = pod.members.stream().map(PodMember::vdbId).toList().indexOf(done.vdbId());
        if (at < 0) {
            return work;
        }
        int count = pod.members.size();
        return switch (operation.step()) {
            case SNAPSHOT, SAVE -> work.took(at, count, done.snapshotId());
            case MARK -> work.reached(at, count, done.snapshotId());
            default -> work.appliedTo(done.vdbId());
        };
    }

    @Override
    protected String completed(Operation<DataPodOperation, DataPodStep, DataPodWork> operation) {
        DataPod pod = pod(operation);
        DataPodWork work = operation.data();
        pod.updatedAt = Instant.now();
        pod.error = null;
        switch (operation.kind()) {
            case CREATE -> {
                pod.current = points(pod, work.targets());
                pod.timelineFrom = pod.updatedAt;
                PodBranch.keep(pod.id, PodBranch.MAIN, null);
                pod.resetPoint = pod.current;
                pod.resetLabel = work.label();
                pod.status = DataPod.Status.READY;
                return "data pod " + pod.name + " ready: " + pod.members.size() + " virtual databases";
            }
            case BOOKMARK -> {
                List<BookmarkPoint> points = points(pod, work.taken());
                NewPodBookmark bookmark = work.bookmark();
                bookmarks.forPod(bookmark, pod.id, pod.activeBranch, points);
                pod.resetPoint = points;
                pod.resetLabel = work.label();
                pod.status = DataPod.Status.READY;
                return work.label() + " taken; its snapshots are being held";
            }
            case STOP, START -> {
                pod.status = operation.kind() == DataPodOperation.STOP
                        ? DataPod.Status.STOPPED
                        : DataPod.Status.READY;
                return "data pod " + pod.name + " " + pod.status.name().toLowerCase(java.util.Locale.ROOT);
            }
            case DELETE -> {
                PodBranch.delete("podId", pod.id);
                pod.status = DataPod.Status.DELETED;
                return "data pod " + pod.name + " deleted";
            }
            default -> {
                return moved(operation, pod, work);
            }
        }
    }

    /** A refresh, restore, recovery, reset, undo or activation done: the pod stands on its targets. */
    private static String moved(Operation<DataPodOperation, DataPodStep, DataPodWork> operation, DataPod pod,
            DataPodWork work) {
        List<BookmarkPoint> saved = points(pod, work.taken());
        pod.undoPoint = saved;
        pod.undoLabel = work.label();
        String left = pod.activeBranch;
        pod.undoBranch = left;
        String branch = work.branch() != null ? work.branch() : pod.activeBranch;
        if (!branch.equals(pod.activeBranch)) {
            // The branch left keeps what its VDBs held; the one entered is where they stand now.
            PodBranch.keep(pod.id, pod.activeBranch, saved);
            PodBranch.keep(pod.id, branch, null);
            pod.activeBranch = branch;
            pod.resetPoint = points(pod, work.targets());
            pod.resetLabel = work.label();
        }
        pod.current = points(pod, work.targets());
        // Every virtual database's own log starts again at a move; the pod's timeline from when all have.
        pod.timelineFrom = pod.updatedAt;
        if (operation.kind() == DataPodOperation.RESTORE || operation.kind() == DataPodOperation.REFRESH
                || operation.kind() == DataPodOperation.RECOVER) {
            pod.resetPoint = pod.current;
            pod.resetLabel = work.label();
        }
        // The state saved belongs to the branch left; the marks of a recovery to the one it stays on.
        PodBranch.took(pod.id, left, work.taken());
        if (operation.kind() == DataPodOperation.RECOVER) {
            PodBranch.took(pod.id, pod.activeBranch, work.targets());
        }
        pod.status = DataPod.Status.READY;
        return work.label() + " done: " + pod.members.size() + " virtual databases moved";
    }

    @Override
    protected void failed(Operation<DataPodOperation, DataPodStep, DataPodWork> operation, String error) {
        DataPod pod = pod(operation);
        DataPodWork work = operation.data();
        pod.updatedAt = Instant.now();
        pod.error = error;
        switch (operation.kind()) {
            case CREATE -> {
                // Any of them may exist, made or half-made: deleting an unknown one is answered all the same.
                for (PodMember member : pod.members) {
                    events.publish(new PodVdbDeleteRequested(operation.requestId("undo-" + member.vdbId()), member
                            .vdbId()));
                }
                pod.status = DataPod.Status.FAILED;
            }
            case DELETE -> pod.status = DataPod.Status.FAILED;
            // Some engines may have stopped or started already: stopping or starting again answers those at once.
            case BOOKMARK, STOP -> pod.status = DataPod.Status.READY;
            case START -> pod.status = DataPod.Status.STOPPED;
            default -> {
                // Every one answered before the step failed (or it timed out): those that moved go back, and so
                // do those whose answer is unknown; one that did not move is put on the state it has anyway.
                boolean moved = operation.step() == DataPodStep.MOVE || operation.step() == DataPodStep.MARK;
                for (int i = 0; moved && i < pod.members.size(); i++) {
                    PodMember member = pod.members.get(i);
                    events.publish(new PodVdbMoveRequested(operation.requestId("back-" + member.vdbId()), member
                            .vdbId(), work.taken().get(i)));
                }
                pod.error = error + (moved ? " The virtual databases moved so far are being put back." : "");
                // What was saved before the move was taken on the branch the pod stays on.
                PodBranch.took(pod.id, pod.activeBranch, work.taken());
                pod.status = DataPod.Status.READY;
            }
        }
    }

    private static List<BookmarkPoint> points(DataPod pod, List<String> snapshots) {
        List<BookmarkPoint> points = new ArrayList<>();
        for (int i = 0; i < pod.members.size(); i++) {
            points.add(new BookmarkPoint(pod.members.get(i).vdbId(), snapshots.get(i)));
        }
        return points;
    }

    private static DataPod pod(Operation<DataPodOperation, DataPodStep, DataPodWork> operation) {
        return DataPod.findById(operation.resource());
    }
}
