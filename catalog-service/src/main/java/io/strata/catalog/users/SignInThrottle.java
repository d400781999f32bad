package io.strata.catalog.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing: after {@code allowed} failed sign-ins of one user name in a row, each further attempt must
 * wait, {@code firstDelay} after the first failure beyond the allowance and twice as long after each further one, up
 * to {@code maxDelay}. A success clears the count. Kept per user name (not per address: behind the router every
 * request comes from one), in memory: a restart forgives.
 */
public final class SignInThrottle {

    private static final int MAX_TRACKED = 10_000;

    private final int allowed;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public SignInThrottle(int allowed, Duration firstDelay, Duration maxDelay, Clock clock) {
        this.allowed = allowed;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.clock = clock;
    }

    /** How long {@code username} must still wait before trying again; zero when it may try now. */
    public Duration waitFor(String username) {
        Failures entry = failures.get(key(username));
        if (entry == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), entry.nextAllowed());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Counts a failed attempt. */
    public void failed(String username) {
        Instant now = clock.instant();
        if (failures.size() > MAX_TRACKED) {
            // Made-up user names must not fill the memory: forget whoever may try again anyway.
            failures.values().removeIf(entry -> !entry.nextAllowed().isAfter(now));
        }
        failures.compute(key(username), (key, entry) -> {
            int count = entry == null ? 1 : entry.count() + 1;
            return new Failures(count, now.plus(delayAfter(count)));
        });
    }

    /** Clears the count after a successful sign-in. */
    public void succeeded(String username) {
        failures.remove(key(username));
    }

    /** The wait after {@code count} failures in a row. */
    Duration delayAfter(int count) {
        int beyond = count - allowed;
        if (beyond <= 0) {
            return Duration.ZERO;
        }
        Duration delay = firstDelay.multipliedBy(1L << Math.min(beyond - 1, 30));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }

    private record Failures(int count, Instant nextAllowed) {
    }
}
