package io.strata.engine;

import java.util.Map;

/**
 * The keys of a snapshot's metadata that Strata itself reads: what the plugin wrote at {@code postSnapshot} time and
 * the services use to provision from it. The metadata stays a string map on the wire (a plugin may add keys of its
 * own); these are the ones with a meaning, written in camel case ({@code serverVersion}).
 */
public enum SnapshotMetadata {

    /** The engine plugin that can run the data: {@code postgresql}, {@code files}. */
    ENGINE("engine"),
    /** The server version the data was written by; a VDB needs the same major version. */
    SERVER_VERSION("serverVersion"),
    /** The source's timeline at the snapshot (PostgreSQL), which only the source's own history has. */
    TIMELINE("timeline"),
    /** The database a VDB of it serves. */
    DATABASE("database"),
    /** The database user a VDB of it gives a generated password. */
    USER("user"),
    /** Where the source's kept log is, for point-in-time provisioning. */
    WAL_ARCHIVE("walArchive"),
    /**
     * The first file of the kept log a clone of the snapshot replays from (a WAL segment's name, a binary log's): the
     * files before it serve no snapshot taken at or after this one.
     */
    LOG_FROM("logFrom");

    private final String key;

    SnapshotMetadata(String key) {
        this.key = key;
    }

    /** The key in the metadata map. */
    public String key() {
        return key;
    }

    /** This key's value in {@code metadata}, or {@code null}. */
    public String in(Map<String, String> metadata) {
        return metadata == null ? null : metadata.get(key);
    }

    @Override
    public String toString() {
        return key;
    }
}
