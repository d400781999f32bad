package io.strata.catalog.datapods;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.strata.catalog.bookmarks.NewPodBookmark;

/**
 * What a data pod's operation works through, kept with its step so that a restart continues with it.
 *
 * @param targets for each virtual database, in the pod's order, the snapshot it is made from or moved to (empty for
 *        a bookmark or a delete; for a recovery to a moment, filled by the MARK steps)
 * @param taken the snapshots taken so far by the SNAPSHOT or SAVE steps, in the pod's order
 * @param applied how many virtual databases the CREATE_VDB, MOVE or DELETE_VDB steps have done so far
 * @param label what the operation does, for the pod's reset and undo labels ({@code bookmark qa-1}, {@code reset})
 * @param bookmark for a bookmark: what to make of the snapshots; {@code null} otherwise
 * @param branch the branch the pod stands on afterwards (for an activation, the one activated; for an undo, the one
 *        it goes back to); {@code null}: the active one
 * @param recoveryTime for a recovery: the moment of the pod's timeline every virtual database recovers to
 */
public record DataPodWork(List<String> targets, List<String> taken, int applied, String label,
        NewPodBookmark bookmark, String branch, Instant recoveryTime) {

    /** Work that makes or moves every virtual database to {@code targets}. */
    static DataPodWork towards(List<String> targets, String label) {
        return new DataPodWork(List.copyOf(targets), List.of(), 0, label, null, null, null);
    }

    /** Work that recovers every virtual database to {@code moment} of its own log, then marks it there. */
    static DataPodWork recovery(Instant moment, String label) {
        return new DataPodWork(List.of(), List.of(), 0, label, null, null, moment);
    }

    /** Work that moves every virtual database to {@code targets} and leaves the pod on {@code branch}. */
    static DataPodWork onto(List<String> targets, String label, String branch) {
        return new DataPodWork(List.copyOf(targets), List.of(), 0, label, null, branch, null);
    }

    /** Work that snapshots every virtual database into a new bookmark. */
    static DataPodWork bookmark(NewPodBookmark bookmark) {
        return new DataPodWork(List.of(), List.of(), 0, "bookmark " + bookmark.name(), bookmark, null, null);
    }

    /** Work that stops or starts every virtual database's engine. */
    static DataPodWork power(String label) {
        return new DataPodWork(List.of(), List.of(), 0, label, null, null, null);
    }

    /** Work that deletes every virtual database. */
    static DataPodWork deletion() {
        return new DataPodWork(List.of(), List.of(), 0, "delete", null, null, null);
    }

    /** One more snapshot taken. */
    DataPodWork took(String snapshot) {
        List<String> more = new ArrayList<>(taken);
        more.add(snapshot);
        return new DataPodWork(targets, more, applied, label, bookmark, branch, recoveryTime);
    }

    /** One more virtual database made, moved or deleted. */
    DataPodWork appliedOne() {
        return new DataPodWork(targets, taken, applied + 1, label, bookmark, branch, recoveryTime);
    }

    /** One more virtual database marked where it recovered to: its snapshot is its target. */
    DataPodWork reached(String snapshot) {
        List<String> more = new ArrayList<>(targets);
        more.add(snapshot);
        return new DataPodWork(more, taken, applied, label, bookmark, branch, recoveryTime);
    }
}
