package io.strata.provisioning.vdb;

import java.util.Arrays;
import java.util.List;

/**
 * The moments a virtual database runs a hook of its own: a shell command on its target, with {@code STRATA_VDB_ID},
 * {@code STRATA_VDB_NAME}, {@code STRATA_VDB_PORT} and {@code STRATA_VDB_DATA} in its environment. The constants'
 * names are the keys of {@code hooks} in {@code POST /api/v1/vdbs}.
 */
public enum VdbHook {

    preProvision, postProvision, preRefresh, postRefresh, preRewind, postRewind, preStart, postStart, preStop, postStop, preSnapshot, postSnapshot;

    /** The hook run before ({@code pre}) or after an operation on the clone: provision, refresh, rewind. */
    static VdbHook of(String prefix, VdbOperation operation) {
        return valueOf(prefix + operation.hookSuffix());
    }

    /** The hook a request names, or {@code null} for a name that is none. */
    static VdbHook named(String name) {
        return Arrays.stream(values()).filter(hook -> hook.name().equals(name)).findFirst().orElse(null);
    }

    /** Every name, for a message that lists them. */
    static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
