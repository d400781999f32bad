package io.strata.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Timings in milliseconds and their percentiles. */
final class Stats {

    private final List<Double> millis = new ArrayList<>();

    void add(long nanos) {
        millis.add(nanos / 1_000_000.0);
    }

    double percentile(double p) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    double p50() {
        return percentile(50);
    }

    double p99() {
        return percentile(99);
    }

    int count() {
        return millis.size();
    }

    @Override
    public String toString() {
        return String.format("p50 %.1f ms, p99 %.1f ms (n=%d)", p50(), p99(), count());
    }
}
