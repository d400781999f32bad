package io.strata.catalog.datapods;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;
import io.strata.catalog.bookmarks.Bookmark;
import io.strata.catalog.bookmarks.BookmarkService;
import io.strata.catalog.bookmarks.NewPodBookmark;
import io.strata.catalog.datapods.DataPodViews.ChangeDataPod;
import io.strata.catalog.datapods.DataPodViews.CreateDataPod;
import io.strata.catalog.datapods.DataPodViews.DataPodView;
import io.strata.catalog.datapods.DataPodViews.RestoreDataPod;
import io.strata.catalog.datasets.DatasetEntry;
import io.strata.catalog.datasets.SensitiveData;
import io.strata.catalog.templates.ConsistentPoint;
import io.strata.catalog.templates.Template;
import io.strata.catalog.templates.TemplateService;
import io.strata.catalog.users.User;
import io.strata.common.errors.ApiException;
import io.strata.common.jobs.Job;
import io.strata.common.operations.OperationMachine;
import io.strata.common.security.Caller;
import io.strata.common.security.Role;
import io.strata.common.util.Ids;
import io.strata.contracts.catalog.BookmarkPoint;
import io.strata.contracts.catalog.CreateBookmark;

/**
 * Data pods: made from a template's consistent point, one virtual database per dataset, owned by their owners (who
 * alone, with admins, see and change them); bookmarked, restored to a bookmark, reset, undone, refreshed and deleted
 * as a whole, one operation at a time.
 */
@ApplicationScoped
public class DataPodService {

    /** The longest virtual database name the provisioning service takes. */
    private static final int MOST_VDB_NAME = 63;

    @Inject
    OperationMachine operations;

    @Inject
    TemplateService templates;

    @Inject
    Caller caller;

    @Inject
    BookmarkService bookmarks;

    /**
     * Checks a request completely, then starts making the pod's virtual databases: from the template's newest
     * consistent point, or from a bookmark of another pod of the same template (its owner's, or shared with the
     * caller), whose data the new pod's private copy-on-write clones start with.
     */
    @Transactional
    public DataPod create(CreateDataPod request) {
        return create(request, null);
    }

    /** As {@link #create(CreateDataPod)}, for a Kubernetes resource ({@code namespace/name}) or REST ({@code null}). */
    @Transactional
    public DataPod create(CreateDataPod request, String managedBy) {
        if (DataPod.count("name = ?1 and status <> ?2", request.name(), DataPod.Status.DELETED) > 0) {
            throw ApiException.conflict("A data pod named " + request.name() + " exists already; choose another name "
                    + "or delete it first.");
        }
        if ((request.template() == null) == (request.fromBookmark() == null)) {
            throw ApiException.badRequest("template", "Give either template (a pod at its newest consistent point) or "
                    + "fromBookmark (a pod of a bookmark of another pod), not both and not neither.");
        }
        Bookmark bookmark = request.fromBookmark() != null ? sharedPodBookmark(request.fromBookmark()) : null;
        Template template = Template.byIdOrName(bookmark != null
                ? DataPod.<DataPod>findById(bookmark.podId).templateId
                : request.template());
        if (template == null) {
            throw ApiException.badRequest("template", "template '" + request.template() + "' does not exist; GET "
                    + "/api/v1/templates lists them.");
        }
        List<String> owners = owners(request.owners());
        requireFuture(request.expiresAt());
        requireMayUse(template);
        List<ConsistentPoint.Choice> point = bookmark != null
                ? bookmarkPoint(bookmark)
                : templates.point(template.id, Instant.now()).snapshots();
        DataPod pod = new DataPod();
        pod.id = Ids.next("pod");
        pod.name = request.name();
        pod.templateId = template.id;
        pod.owners = owners;
        pod.status = DataPod.Status.CREATING;
        pod.expiresAt = request.expiresAt();
        pod.deletionProtected = Boolean.TRUE.equals(request.protect());
        pod.managedBy = managedBy;
        pod.members = new ArrayList<>();
        for (ConsistentPoint.Choice choice : point) {
            DatasetEntry dataset = DatasetEntry.findById(choice.dataset());
            String name = pod.name + "-" + (dataset != null ? dataset.name : choice.dataset());
            pod.members.add(new PodMember(choice.dataset(), Ids.next("vdb"), name.length() > MOST_VDB_NAME
                    ? name.substring(0, MOST_VDB_NAME)
                    : name));
        }
        pod.createdAt = Instant.now();
        pod.updatedAt = pod.createdAt;
        // Saved first: the operation's first step reads it.
        pod.persist();
        pod.jobId = operations.start(DataPodOperation.CREATE, pod.id, DataPodWork.towards(point.stream().map(
                ConsistentPoint.Choice::snapshot).toList(), bookmark != null
                        ? "creation from bookmark " + bookmark.name
                        : "creation"),
                caller.username()).id;
        Log.infof("Data pod %s (%s) of template %s for %s: %s", pod.name, pod.id, template.name, owners, point);
        return pod;
    }

    /** A READY bookmark of a data pod that the caller may see (their own, or shared with them), or a 400. */
    private Bookmark sharedPodBookmark(String idOrName) {
        Bookmark bookmark = Bookmark.byIdOrName(idOrName);
        if (bookmark == null || !bookmarks.maySee(bookmark) || bookmark.podId == null) {
            throw ApiException.badRequest("fromBookmark", "'" + idOrName + "' is not a bookmark of a data pod that is "
                    + "yours or shared with you; GET /api/v1/bookmarks lists them.");
        }
        if (bookmark.status != Bookmark.Status.READY) {
            throw ApiException.conflict("Bookmark " + bookmark.name + " is " + bookmark.status + "; wait for its job "
                    + bookmark.jobId + ".");
        }
        requireMayReceive(bookmark, "A data pod of bookmark " + bookmark.name);
        return bookmark;
    }

    /** Another user's bookmark of unmasked data of a sensitive source goes to admins only. */
    private void requireMayReceive(Bookmark bookmark, String what) {
        if (!caller.isAdmin() && SensitiveData.inAnyOf(bookmark.points.stream().map(BookmarkPoint::dataset).toList())) {
            caller.requireAdmin(what + ", which holds unmasked data of a sensitive source,");
        }
    }

    /**
     * A bookmark's snapshots in the order of its pod's template datasets: the new pod's virtual databases are
     * copy-on-write clones of them.
     */
    private static List<ConsistentPoint.Choice> bookmarkPoint(Bookmark bookmark) {
        DataPod origin = DataPod.findById(bookmark.podId);
        Map<String, String> byVdb = bookmark.points.stream().collect(Collectors.toMap(BookmarkPoint::dataset,
                BookmarkPoint::snapshot, (a, b) -> a));
        List<ConsistentPoint.Choice> choices = new ArrayList<>();
        for (PodMember member : origin.members) {
            choices.add(new ConsistentPoint.Choice(member.dataset(), byVdb.get(member.vdbId()), bookmark.createdAt));
        }
        return choices;
    }

    /** The owners: the named users (who must exist), the caller first; just the caller when none are named. */
    private List<String> owners(List<String> requested) {
        Set<String> owners = new LinkedHashSet<>();
        owners.add(caller.username());
        if (requested != null) {
            for (int i = 0; i < requested.size(); i++) {
                User user = User.byIdOrName(requested.get(i));
                if (user == null) {
                    throw ApiException.badRequest("owners[" + i + "]", "owners[" + i + "] '" + requested.get(i)
                            + "' is not a user; GET /api/v1/users lists them.");
                }
                owners.add(user.username);
            }
        }
        return List.copyOf(owners);
    }

    /** A template with a sensitive source is for admins only: everyone else uses one of masked datasets. */
    private void requireMayUse(Template template) {
        if (caller.isAdmin()) {
            return;
        }
        String sensitive = template.datasets.stream().filter(SensitiveData::in).map(id -> {
            DatasetEntry entry = DatasetEntry.findById(id);
            return entry != null ? entry.name : id;
        }).collect(Collectors.joining(", "));
        if (!sensitive.isEmpty()) {
            caller.requireAdmin("A data pod of template " + template.name + ", which holds sensitive source "
                    + sensitive + " (use a template of its masked datasets instead),");
        }
    }

    /** The pods the caller may see, newest first: admins and readers all, owners their own. */
    @Transactional
    public List<DataPodView> list() {
        return DataPod.<DataPod>list("status <> ?1", Sort.descending("createdAt"), DataPod.Status.DELETED).stream()
                .filter(this::maySee).map(DataPodView::of).toList();
    }

    /** One pod the caller may see, or 404. */
    @Transactional
    public DataPodView view(String id) {
        return DataPodView.of(require(id));
    }

    /** Snapshots every virtual database of the pod into one bookmark. */
    @Transactional
    public Started bookmark(String id, CreateBookmark request) {
        return bookmark(id, request, null);
    }

    /** As {@link #bookmark(String, CreateBookmark)}, for a Kubernetes resource ({@code namespace/name}) or REST. */
    @Transactional
    public Started bookmark(String id, CreateBookmark request, String managedBy) {
        DataPod pod = requireIdle(id);
        List<String> tags = BookmarkService.checkPodBookmark(request);
        boolean shared = Boolean.TRUE.equals(request.shared());
        if (shared && !caller.isAdmin()
                && SensitiveData.inAnyOf(pod.members.stream().map(PodMember::dataset).toList())) {
            throw ApiException.badRequest("shared", "Data pod " + pod.name + " holds unmasked data of a sensitive "
                    + "source; its bookmarks cannot be shared with users who are not admins.");
        }
        NewPodBookmark bookmark = new NewPodBookmark(Ids.next("bm"), request.name(), tags, shared, request
                .expiresAt(), caller.username(), managedBy);
        return start(pod, DataPodOperation.BOOKMARK, DataPodWork.bookmark(bookmark), bookmark.id());
    }

    /** Puts every virtual database on a bookmark of this pod or of another pod of its template. */
    @Transactional
    public Started restore(String id, RestoreDataPod request) {
        DataPod pod = requireIdle(id);
        if (request.timestamp() != null) {
            if (request.bookmark() != null) {
                throw ApiException.badRequest("timestamp", "Give bookmark or timestamp, not both.");
            }
            return start(pod, DataPodOperation.RECOVER, DataPodWork.recovery(onTimeline(pod, request.timestamp()),
                    "restore to " + request.timestamp()), pod.id);
        }
        UsableBookmark usable = usableBookmark(pod, request.bookmark(), "bookmark");
        return start(pod, DataPodOperation.RESTORE, DataPodWork.towards(targets(pod, usable.points()),
                "restore to bookmark " + usable.bookmark().name), pod.id);
    }

    /** A moment of the pod's timeline, from its last move until now, or a 400 that gives the window. */
    private static Instant onTimeline(DataPod pod, Instant moment) {
        Instant now = Instant.now();
        if (pod.timelineFrom == null) {
            throw ApiException.badRequest("timestamp", "Data pod " + pod.name + " keeps no timeline yet (it was made "
                    + "before Strata kept one); refresh, reset or restore it to a bookmark once, then moments after "
                    + "that can be restored to.");
        }
        if (moment.isBefore(pod.timelineFrom) || moment.isAfter(now)) {
            throw ApiException.badRequest("timestamp", "timestamp " + moment + " is outside data pod " + pod.name
                    + "'s timeline, {from: " + pod.timelineFrom + ", to: " + now + "} (it starts again at each "
                    + "refresh, restore, reset, undo and branch activation); for earlier data restore a bookmark.");
        }
        return moment;
    }

    /**
     * A bookmark a pod can be put on, with its points on the pod's own virtual databases.
     *
     * @param bookmark the bookmark
     * @param points for each virtual database of the pod, the bookmark's snapshot of the same template dataset
     */
    private record UsableBookmark(Bookmark bookmark, List<BookmarkPoint> points) {
    }

    /**
     * A READY bookmark, by id or name, of this pod or of another pod of its template that the caller may see (their
     * own, or shared with them): pods of one template share bookmarks. A 400 naming {@code field} otherwise.
     */
    private UsableBookmark usableBookmark(DataPod pod, String idOrName, String field) {
        if (idOrName == null || idOrName.isBlank()) {
            throw ApiException.badRequest(field, field + " is required: a bookmark of this pod or of another pod of "
                    + "its template (GET /api/v1/bookmarks).");
        }
        Bookmark bookmark = Bookmark.byIdOrName(idOrName);
        boolean own = bookmark != null && pod.id.equals(bookmark.podId);
        DataPod origin = bookmark != null && bookmark.podId != null ? DataPod.findById(bookmark.podId) : null;
        if (!own && (origin == null || !origin.templateId.equals(pod.templateId) || !bookmarks.maySee(bookmark))) {
            throw ApiException.badRequest(field, "'" + idOrName + "' is not a bookmark of data pod " + pod.name
                    + " nor of another pod of its template that is yours or shared with you; GET /api/v1/bookmarks "
                    + "lists them.");
        }
        if (bookmark.status != Bookmark.Status.READY) {
            throw ApiException.conflict("Bookmark " + bookmark.name + " is " + bookmark.status + "; wait for its job "
                    + bookmark.jobId + ".");
        }
        if (own) {
            return new UsableBookmark(bookmark, bookmark.points);
        }
        requireMayReceive(bookmark, "Putting data pod " + pod.name + " on bookmark " + bookmark.name);
        Map<String, String> byDataset = bookmarkPoint(bookmark).stream().collect(Collectors.toMap(
                ConsistentPoint.Choice::dataset, ConsistentPoint.Choice::snapshot, (a, b) -> a));
        return new UsableBookmark(bookmark, pod.members.stream().map(member -> new BookmarkPoint(member.vdbId(),
                byDataset.get(member.dataset()))).toList());
    }

    /** Puts every virtual database back where the last bookmark, restore or refresh left it. */
    @Transactional
    public Started reset(String id) {
        DataPod pod = requireIdle(id);
        return start(pod, DataPodOperation.RESET, DataPodWork.towards(targets(pod, pod.resetPoint), "reset to "
                + pod.resetLabel), pod.id);
    }

    /** Puts every virtual database back on what the last refresh, restore, reset or undo replaced. */
    @Transactional
    public Started undo(String id) {
        DataPod pod = requireIdle(id);
        if (pod.undoPoint == null) {
            throw ApiException.conflict("Data pod " + pod.name + " has nothing to undo: no refresh, restore, reset or "
                    + "undo has run on it.");
        }
        return start(pod, DataPodOperation.UNDO, DataPodWork.onto(targets(pod, pod.undoPoint), "undo of "
                + pod.undoLabel, pod.undoBranch), pod.id);
    }

    /**
     * Makes a branch of the pod from a bookmark of it or of another pod of its template; it is not active until it is
     * activated.
     */
    @Transactional
    public PodBranchView createBranch(String id, String name, String fromBookmark) {
        DataPod pod = requireIdle(id);
        if (PodBranch.of(pod.id, name) != null) {
            throw ApiException.conflict("Data pod " + pod.name + " has a branch named " + name + " already; choose "
                    + "another name.");
        }
        UsableBookmark usable = usableBookmark(pod, fromBookmark, "fromBookmark");
        targets(pod, usable.points());
        PodBranch.keep(pod.id, name, usable.points());
        PodBranch branch = PodBranch.of(pod.id, name);
        branch.fromBookmark = usable.bookmark().id;
        return PodBranchView.of(branch, pod);
    }

    /**
     * Puts the pod on another branch: every virtual database is saved as the newest state of the branch it leaves,
     * then moved to the newest state of the branch activated, under the same connections.
     */
    @Transactional
    public Started activate(String id, String name) {
        DataPod pod = requireIdle(id);
        PodBranch branch = PodBranch.of(pod.id, name);
        if (branch == null) {
            throw ApiException.notFound("branch of data pod " + pod.name, name);
        }
        if (name.equals(pod.activeBranch)) {
            throw ApiException.conflict("Branch " + name + " of data pod " + pod.name + " is active already.");
        }
        return start(pod, DataPodOperation.ACTIVATE, DataPodWork.onto(targets(pod, branch.point), "activation of "
                + "branch " + name, name), pod.id);
    }

    /** The pod's branches, the active one first. */
    @Transactional
    public List<PodBranchView> branches(String id) {
        DataPod pod = require(id);
        return PodBranch.<PodBranch>list("podId", Sort.ascending("createdAt"), pod.id).stream()
                .map(branch -> PodBranchView.of(branch, pod)).sorted((a, b) -> Boolean.compare(b.active(), a.active()))
                .toList();
    }

    /** Stops every virtual database's engine cleanly; the pod keeps its data, ports and connections. */
    @Transactional
    public Started stop(String id) {
        DataPod pod = requireIdle(id);
        return start(pod, DataPodOperation.STOP, DataPodWork.power("stop"), pod.id);
    }

    /** Starts every virtual database's engine of a stopped pod again. */
    @Transactional
    public Started startPod(String id) {
        DataPod pod = requireUnlocked(DataPod.findById(requireOwned(require(id)).id, LockModeType.PESSIMISTIC_WRITE));
        if (pod.status != DataPod.Status.STOPPED) {
            throw ApiException.conflict("Data pod " + pod.name + " is " + pod.status + ", not STOPPED; only a stopped "
                    + "pod is started.");
        }
        pod.status = DataPod.Status.BUSY;
        return start(pod, DataPodOperation.START, DataPodWork.power("start"), pod.id);
    }

    /** Locks the pod for the caller: nobody else changes it until they (or an admin) unlock it. */
    @Transactional
    public DataPodView lock(String id) {
        DataPod pod = requireOwned(require(id));
        if (pod.lockedBy != null && !pod.lockedBy.equals(caller.username())) {
            throw ApiException.conflict("Data pod " + pod.name + " is locked by " + pod.lockedBy + " already.");
        }
        pod.lockedBy = caller.username();
        pod.updatedAt = Instant.now();
        return DataPodView.of(pod);
    }

    /** Unlocks the pod: the user who locked it, or an admin. */
    @Transactional
    public DataPodView unlock(String id) {
        DataPod pod = requireOwned(require(id));
        if (pod.lockedBy != null && !pod.lockedBy.equals(caller.username())) {
            caller.requireAdmin("Unlocking data pod " + pod.name + ", locked by " + pod.lockedBy + ",");
        }
        pod.lockedBy = null;
        pod.updatedAt = Instant.now();
        return DataPodView.of(pod);
    }

    /** Refreshes every virtual database to the template's newest consistent point. */
    @Transactional
    public Started refresh(String id) {
        DataPod pod = requireIdle(id);
        // A pod made from another's bookmark takes its template's data from now on: the same rules apply.
        requireMayUse(Template.findById(pod.templateId));
        List<ConsistentPoint.Choice> point = templates.point(pod.templateId, Instant.now()).snapshots();
        List<String> targets = new ArrayList<>();
        for (PodMember member : pod.members) {
            targets.add(point.stream().filter(choice -> choice.dataset().equals(member.dataset())).findFirst()
                    .map(ConsistentPoint.Choice::snapshot).orElseThrow(() -> ApiException.conflict("Template "
                            + pod.templateId + " no longer holds dataset " + member.dataset() + " of data pod "
                            + pod.name + "; make a new pod.")));
        }
        return start(pod, DataPodOperation.REFRESH, DataPodWork.towards(targets, "refresh"), pod.id);
    }

    /** Changes when the pod expires and whether it is protected; its owners (or an admin), unless someone locked it. */
    @Transactional
    public DataPodView change(String id, ChangeDataPod change) {
        DataPod pod = requireUnlocked(DataPod.findById(requireOwned(require(id)).id, LockModeType.PESSIMISTIC_WRITE));
        if (change.expiresAtGiven()) {
            requireFuture(change.expiresAt());
            pod.expiresAt = change.expiresAt();
        }
        if (change.protect() != null) {
            pod.deletionProtected = change.protect();
        }
        pod.updatedAt = Instant.now();
        return DataPodView.of(pod);
    }

    private static void requireFuture(Instant expiresAt) {
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw ApiException.badRequest("expiresAt", "expiresAt " + expiresAt + " is not in the future; give a "
                    + "later moment, or none (null) to keep the data pod until it is deleted.");
        }
    }

    /** Deletes every virtual database of the pod, then the pod; refused while it is protected. */
    @Transactional
    public Started delete(String id) {
        DataPod pod = requireUnlocked(DataPod.findById(requireOwned(require(id)).id, LockModeType.PESSIMISTIC_WRITE));
        caller.requireMayDeleteManaged("Data pod " + pod.name, pod.managedBy, "DataPod", "datapod");
        if (pod.deletionProtected) {
            throw ApiException.conflict("Data pod " + pod.name + " is protected; unprotect it first ("
                    + (pod.managedBy != null
                            ? "spec.protected: false on its resource"
                            : "PATCH /api/v1/datapods/" + pod.name
                                    + " {\"protected\": false}")
                    + ").");
        }
        return deleting(pod, caller.username());
    }

    private Started deleting(DataPod pod, String requestedBy) {
        if (pod.status != DataPod.Status.READY && pod.status != DataPod.Status.FAILED
                && pod.status != DataPod.Status.STOPPED) {
            throw busy(pod);
        }
        pod.status = DataPod.Status.DELETING;
        return start(pod, DataPodOperation.DELETE, DataPodWork.deletion(), pod.id, requestedBy);
    }

    /** The pod made for a Kubernetes resource ({@code namespace/name}) and not deleted, if any. */
    @Transactional
    public Optional<DataPodView> managedBy(String resource) {
        return DataPod.<DataPod>find("managedBy = ?1 and status <> ?2", resource, DataPod.Status.DELETED)
                .firstResultOptional().map(DataPodView::of);
    }

    /** The pods whose expiry has passed and that are not protected. */
    @Transactional
    public List<String> expired(Instant now) {
        return DataPod.<DataPod>list("expiresAt <= ?1 and deletionProtected = false and status in ?2", now, List.of(
                DataPod.Status.READY, DataPod.Status.STOPPED, DataPod.Status.FAILED)).stream().map(pod -> pod.id)
                .toList();
    }

    /** Deletes a pod whose time is up, if it still is and it is still unprotected and idle. */
    @Transactional
    public void expire(String id) {
        DataPod pod = DataPod.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (pod != null && !pod.deletionProtected && pod.expiresAt != null && !pod.expiresAt.isAfter(Instant.now())
                && pod.status != DataPod.Status.DELETING && pod.status != DataPod.Status.DELETED) {
            Log.infof("Data pod %s (%s) expired at %s; deleting it", pod.name, pod.id, pod.expiresAt);
            deleting(pod, "expiry");
        }
    }

    /** What a started operation answers: what it is about and its job. */
    public record Started(String id, Job job) {
    }

    private Started start(DataPod pod, DataPodOperation kind, DataPodWork work, String resultId) {
        return start(pod, kind, work, resultId, caller.username());
    }

    private Started start(DataPod pod, DataPodOperation kind, DataPodWork work, String resultId,
            String requestedBy) {
        if (pod.status == DataPod.Status.READY) {
            pod.status = DataPod.Status.BUSY;
        }
        Job job = operations.start(kind, pod.id, work, requestedBy);
        pod.jobId = job.id;
        pod.updatedAt = Instant.now();
        return new Started(resultId, job);
    }

    /** For each virtual database, in the pod's order, its snapshot in {@code points}. */
    private static List<String> targets(DataPod pod, List<BookmarkPoint> points) {
        Map<String, String> byVdb = points.stream().collect(Collectors.toMap(BookmarkPoint::dataset,
                BookmarkPoint::snapshot, (a, b) -> a));
        List<String> targets = new ArrayList<>();
        for (PodMember member : pod.members) {
            String snapshot = byVdb.get(member.vdbId());
            if (snapshot == null) {
                throw ApiException.conflict("Virtual database " + member.vdbName() + " has no snapshot in that point; "
                        + "the point does not cover this pod.");
            }
            targets.add(snapshot);
        }
        return targets;
    }

    private DataPod require(String id) {
        DataPod pod = DataPod.byIdOrName(id);
        if (pod == null || !maySee(pod)) {
            throw ApiException.notFound("data pod", id);
        }
        return pod;
    }

    private boolean maySee(DataPod pod) {
        return caller.isAdmin() || caller.roles().contains(Role.READER) || pod.owners.contains(caller.username());
    }

    private DataPod requireOwned(DataPod pod) {
        if (!caller.isAdmin() && !pod.owners.contains(caller.username())) {
            throw ApiException.forbidden("Data pod " + pod.name + " belongs to " + pod.owners + "; only they or an "
                    + "admin may change it, and user '" + caller.username() + "' is neither.");
        }
        return pod;
    }

    /** A pod the caller owns, locked for this transaction, with no operation running on it. */
    private DataPod requireIdle(String id) {
        DataPod pod = requireOwned(require(id));
        pod = requireUnlocked(DataPod.findById(pod.id, LockModeType.PESSIMISTIC_WRITE));
        if (pod.status != DataPod.Status.READY) {
            throw busy(pod);
        }
        return pod;
    }

    private DataPod requireUnlocked(DataPod pod) {
        if (pod.lockedBy != null && !pod.lockedBy.equals(caller.username())) {
            throw ApiException.conflict("Data pod " + pod.name + " is locked by " + pod.lockedBy + "; ask them to "
                    + "unlock it (POST /api/v1/datapods/" + pod.name + "/unlock).");
        }
        return pod;
    }

    private static ApiException busy(DataPod pod) {
        return ApiException.conflict("Data pod " + pod.name + " is " + pod.status + (pod.jobId != null
                ? " (job "
                        + pod.jobId + ")"
                : "") + "; wait for it to finish.");
    }
}
