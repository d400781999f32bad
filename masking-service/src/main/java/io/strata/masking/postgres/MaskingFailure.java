package io.strata.masking.postgres;

import java.util.List;

/**
 * Masking did not leave the clone safe to hand out: a key or foreign key no longer holds, a table could not be
 * rewritten, or original values are still there. Each problem names the table and column and says what to do. The
 * clone is then part-masked: discard it and mask a fresh one once the rules are fixed.
 */
public class MaskingFailure extends RuntimeException {

    private final transient List<String> problems;
    private final transient Verification verification;

    /** A failure before or while masking, so without a leak check. */
    public MaskingFailure(List<String> problems) {
        this(problems, null);
    }

    /**
     * @param problems what went wrong, one line each
     * @param verification the leak check's findings, {@code null} when it did not run
     */
    public MaskingFailure(List<String> problems, Verification verification) {
        super(message(problems));
        this.problems = List.copyOf(problems);
        this.verification = verification;
    }

    private static String message(List<String> problems) {
        String intro = problems.size() == 1
                ? "Masking failed: "
                : "Masking failed (" + problems.size()
                        + " problems): ";
        return intro + String.join(" | ", problems) + " The clone is part-masked: discard it.";
    }

    /** What went wrong, one line each. */
    public List<String> problems() {
        return problems;
    }

    /** The leak check's findings, {@code null} when it did not run. */
    public Verification verification() {
        return verification;
    }
}
