package io.strata.snapshot;

import java.util.Map;

/**
 * {@link PoolTestResource} with a 1 GiB pool, as a class of its own: Quarkus starts a new application for a
 * different set of resource classes, but not always for different arguments of the same class.
 */
public class SmallPoolTestResource extends PoolTestResource {

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of("size", "1G"));
    }
}
