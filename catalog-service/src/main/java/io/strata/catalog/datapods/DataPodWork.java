package io.strata.catalog.datapods;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.strata.catalog.bookmarks.NewPodBookmark;

/**
 * What a data pod's operation works through, kept with its step so that a restart continues with it. Each step sends
 * one command per virtual database at once; the answers fill the lists below at the virtual database's place in the
 * pod, whatever order they come in.
 *
 * @param targets for each virtual database, in the pod's order, the snapshot it is made from or moved to (empty for
 *        a bookmark or a delete; for a recovery to a moment, filled by the MARK step)
 * @param taken the snapshots taken by the SNAPSHOT or SAVE step, in the pod's order ({@code null} where none yet)
 * @param applied the virtual databases the CREATE_VDB, MOVE, DELETE_VDB or POWER step has done so far
 * @param label what the operation does, for the pod's reset and undo labels ({@code bookmark qa-1}, {@code reset})
 * @param bookmark for a bookmark: what to make of the snapshots; {@code null} otherwise
 * @param branch the branch the pod stands on afterwards (for an activation, the one activated; for an undo, the one
 *        it goes back to); {@code null}: the active one
 * @param recoveryTime for a recovery: the moment of the pod's timeline every virtual database recovers to
 */
public record DataPodWork(List<String> targets, List<String> taken, List<String> applied, String label,
        NewPodBookmark bookmark, String branch, Instant recoveryTime) {

    /** Work that makes or moves every virtual database to {@code targets}. */
    static DataPodWork towards(List<String> targets, String label) {
        return new DataPodWork(List.copyOf(targets), List.of(), List.of(), label, null, null, null);
    }

    /** Work that recovers every virtual database to {@code moment} of its own log, then marks it there. */
    static DataPodWork recovery(Instant moment, String label) {
        return new DataPodWork(List.of(), List.of(), List.of(), label, null, null, moment);
    }

    /** Work that moves every virtual database to {@code targets} and leaves the pod on {@code branch}. */
    static DataPodWork onto(List<String> targets, String label, String branch) {
        return new DataPodWork(List.copyOf(targets), List.of(), List.of(), label, null, branch, null);
    }

    /** Work that snapshots every virtual database into a new bookmark. */
    static DataPodWork bookmark(NewPodBookmark bookmark) {
        return new DataPodWork(List.of(), List.of(), List.of(), "bookmark " + bookmark.name(), bookmark, null, null);
    }

    /** Work that stops or starts every virtual database's engine. */
    static DataPodWork power(String label) {
        return new DataPodWork(List.of(), List.of(), List.of(), label, null, null, null);
    }

    /** Work that deletes every virtual database. */
    static DataPodWork deletion() {
        return new DataPodWork(List.of(), List.of(), List.of(), "delete", null, null, null);
    }

    /** The snapshot of the virtual database at {@code index} (of {@code count}) taken. */
    DataPodWork took(int index, int count, String snapshot) {
        return new DataPodWork(targets, placed(taken, index, count, snapshot), applied, label, bookmark, branch,
                recoveryTime);
    }

    /** The virtual database at {@code index} (of {@code count}) marked where it recovered to: its target. */
    DataPodWork reached(int index, int count, String snapshot) {
        return new DataPodWork(placed(targets, index, count, snapshot), taken, applied, label, bookmark, branch,
                recoveryTime);
    }

    /** One more virtual database made, moved, deleted, stopped or started. */
    DataPodWork appliedTo(String vdbId) {
        List<String> more = new ArrayList<>(applied);
        if (!more.contains(vdbId)) {
            more.add(vdbId);
        }
        return new DataPodWork(targets, taken, more, label, bookmark, branch, recoveryTime);
    }

    private static List<String> placed(List<String> values, int index, int count, String value) {
        List<String> placed = new ArrayList<>(values.size() == count ? values : Collections.nCopies(count, null));
        placed.set(index, value);
        return placed;
    }
}
