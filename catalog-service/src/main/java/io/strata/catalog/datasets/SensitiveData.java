package io.strata.catalog.datasets;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether data comes from a sensitive source: a dataset is sensitive when it is such a source, or was made from one
 * without masking (a virtual database of it, a virtual database of that one...). A masked dataset breaks the chain.
 */
public final class SensitiveData {

    /** Deeper than any real chain; stops a cycle bad events could make. */
    private static final int MOST_ANCESTORS = 16;

    private SensitiveData() {
    }

    /** Whether any of the datasets holds unmasked data of a sensitive source. */
    public static boolean inAnyOf(List<String> datasets) {
        return datasets.stream().anyMatch(SensitiveData::in);
    }

    /** Whether the dataset holds unmasked data of a sensitive source. */
    public static boolean in(String dataset) {
        Set<String> seen = new HashSet<>();
        String id = dataset;
        while (id != null && seen.add(id) && seen.size() <= MOST_ANCESTORS) {
            DatasetEntry entry = DatasetEntry.findById(id);
            if (entry == null || entry.kind == DatasetEntry.Kind.MASKED) {
                return false;
            }
            if (entry.kind == DatasetEntry.Kind.SOURCE) {
                return entry.sensitive;
            }
            id = entry.parentDataset;
        }
        return false;
    }
}
