package io.strata.common.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a user may do. Roles are the {@code groups} of the user's token; each service decides with them alone.
 */
public enum Role {

    /** Everything: environments, sources, masking, users, the audit log, and every user's data. */
    ADMIN,
    /** Their own VDBs, data pods and bookmarks, what is shared with them, and masked data. */
    OWNER,
    /** Reads what an owner could see; changes nothing. */
    READER;

    /** The role's name in tokens and requests: {@code admin}, {@code owner}, {@code reader}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code name}, or {@code null}. */
    public static Role fromWireName(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        return null;
    }

    /** The wire names of all roles, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", "));
    }
}
