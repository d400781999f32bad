package io.strata.masking.postgres;

/**
 * A successful masking run: what was masked, and the leak check that found nothing.
 *
 * @param outcome what masking did
 * @param verification the leak check's findings (none, or the run would have failed)
 */
public record MaskingReport(MaskingOutcome outcome, Verification verification) {
}
