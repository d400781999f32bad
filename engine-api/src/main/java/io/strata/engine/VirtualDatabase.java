package io.strata.engine;

import java.time.Instant;
import java.util.Map;

/**
 * A virtual database as a plugin sees it: a writable clone mounted on a target host, to be run as a database.
 *
 * @param id its id
 * @param name its name
 * @param host the target host
 * @param dataPath the clone's mount path on the target
 * @param workPath a directory on the target for the plugin's own files (socket, log), never snapshotted
 * @param port the port it must listen on
 * @param parameters its validated virtual parameters, secrets removed
 * @param secrets its secrets, e.g. {@code password}: the generated password of its database user
 * @param recoveryTime replay the kept log up to this moment (point in time), or {@code null}
 * @param logArchive where the kept log to replay is on the target (the source's, or the virtual database's own), for
 *        point in time; or {@code null}
 * @param repository the engine installation to run
 * @param ownLog where the virtual database keeps its own log from now on (a directory on the target outside the
 *        clone), so that it can be rewound to a time; or {@code null} to keep none
 * @param previousDataPath for a rewind to a time: the data directory of the clone this one replaces, whose newest log
 *        may not be in {@code logArchive} yet; or {@code null}
 */
public record VirtualDatabase(String id, String name, HostConnection host, String dataPath, String workPath, int port,
        Map<String, Object> parameters, Map<String, String> secrets, Instant recoveryTime, String logArchive,
        Repository repository, String ownLog, String previousDataPath) {

    /** A virtual database that keeps no log of its own. */
    public VirtualDatabase(String id, String name, HostConnection host, String dataPath, String workPath, int port,
            Map<String, Object> parameters, Map<String, String> secrets, Instant recoveryTime, String logArchive,
            Repository repository) {
        this(id, name, host, dataPath, workPath, port, parameters, secrets, recoveryTime, logArchive, repository,
                null, null);
    }
}
