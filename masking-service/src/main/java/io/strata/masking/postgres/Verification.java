package io.strata.masking.postgres;

import java.util.List;

/**
 * What the leak check found after masking.
 *
 * @param leaks the places where original values of masked columns were found, empty when none
 */
public record Verification(List<Leak> leaks) {

    /** A copy that no caller changes. */
    public Verification {
        leaks = List.copyOf(leaks);
    }

    /** Whether no original value was found. */
    public boolean clean() {
        return leaks.isEmpty();
    }
}
