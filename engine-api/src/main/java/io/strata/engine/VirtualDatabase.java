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
 * @param logArchive where the source's kept log is on the target, for point in time; or {@code null}
 * @param repository the engine installation to run
 */
public record VirtualDatabase(String id, String name, HostConnection host, String dataPath, String workPath, int port,
        Map<String, Object> parameters, Map<String, String> secrets, Instant recoveryTime, String logArchive,
        Repository repository) {
}
