package io.strata.snapshot.pool;

import java.util.regex.Pattern;

/** Volume and snapshot ids become path components; only these are allowed. */
public final class Names {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private Names() {
    }

    /** Whether an id is safe to use as a file name. */
    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Fails unless the id is valid. */
    public static String require(String id, String what) {
        if (!isValid(id)) {
            throw new IllegalArgumentException(what + " id '" + id + "' is invalid: use 1 to 63 lower-case letters, "
                    + "digits and dashes, starting with a letter or digit (a UUID is fine)");
        }
        return id;
    }
}
