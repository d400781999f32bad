package io.strata.catalog.templates;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one moment a data pod's virtual databases all come from: for each dataset of a template, its newest snapshot
 * whose data stands at or before that moment. A snapshot's moment is the time its data corresponds to (the source's
 * position, which a masked snapshot keeps), or when it was taken if that is not known.
 */
public final class ConsistentPoint {

    private ConsistentPoint() {
    }

    /**
     * A snapshot of a dataset, as far as choosing one goes.
     *
     * @param id its id
     * @param dataset its dataset
     * @param at the moment its data stands at
     */
    public record Candidate(String id, String dataset, Instant at) {
    }

    /**
     * The chosen snapshot of one dataset.
     *
     * @param dataset the dataset
     * @param snapshot its newest snapshot at or before the moment
     * @param at the moment that snapshot's data stands at
     */
    public record Choice(String dataset, String snapshot, Instant at) {
    }

    /**
     * The choice for each dataset at {@code moment}, in the datasets' order; a dataset without a snapshot at or before
     * it is listed in {@code missing}.
     *
     * @param moment the moment asked for
     * @param choices one per dataset that has a snapshot at or before the moment
     * @param missing the datasets that have none
     */
    public record Resolved(Instant moment, List<Choice> choices, List<String> missing) {
    }

    /** Chooses, for each dataset, its newest candidate at or before {@code moment}. */
    public static Resolved at(Instant moment, List<String> datasets, Map<String, List<Candidate>> candidates) {
        List<Choice> choices = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String dataset : datasets) {
            Optional<Candidate> newest = candidates.getOrDefault(dataset, List.of()).stream()
                    .filter(candidate -> !candidate.at().isAfter(moment))
                    .max(Comparator.comparing(Candidate::at).thenComparing(Candidate::id));
            newest.ifPresentOrElse(found -> choices.add(new Choice(dataset, found.id(), found.at())),
                    () -> missing.add(dataset));
        }
        return new Resolved(moment, choices, missing);
    }
}
