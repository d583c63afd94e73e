package io.pitaya.core.lifecycle;

import io.pitaya.core.config.GoDuration;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings of startup, shutdown, session drain and the memory groups' janitor, read from MicroProfile Config
 * with Pitaya's key names and defaults (durations in Go syntax: {@code 5s}, {@code 6h}).
 *
 * @param drainEnabled    {@code pitaya.session.drain.enabled} (false): on shutdown, refuse new connections and wait
 *                        for the sessions to leave on their own before closing the rest
 * @param drainTimeout    {@code pitaya.session.drain.timeout} (6h): longest drain
 * @param drainPeriod     {@code pitaya.session.drain.period} (5s): how often the drain logs the sessions left
 * @param groupsTick      {@code pitaya.groups.memory.tickduration} (30s): period of the expired-group janitor
 * @param closeAllTimeout {@code pitaya.session.closeall.timeout} (10s; not a Pitaya key): how long shutdown waits
 *                        for the close callbacks of the sessions it closed before running the components' shutdown
 *                        hooks
 */
public record LifecycleConfig(boolean drainEnabled, Duration drainTimeout, Duration drainPeriod, Duration groupsTick,
                              Duration closeAllTimeout) {

    public static final String DRAIN_ENABLED = "pitaya.session.drain.enabled";
    public static final String DRAIN_TIMEOUT = "pitaya.session.drain.timeout";
    public static final String DRAIN_PERIOD = "pitaya.session.drain.period";
    public static final String GROUPS_TICK = "pitaya.groups.memory.tickduration";
    public static final String CLOSE_ALL_TIMEOUT = "pitaya.session.closeall.timeout";

    public LifecycleConfig {
        positive(DRAIN_TIMEOUT, drainTimeout);
        positive(DRAIN_PERIOD, drainPeriod);
        positive(GROUPS_TICK, groupsTick);
        if (closeAllTimeout.isNegative()) {
            throw new IllegalArgumentException(CLOSE_ALL_TIMEOUT + " must not be negative: " + closeAllTimeout);
        }
    }

    public static LifecycleConfig defaults() {
        return new LifecycleConfig(false, Duration.ofHours(6), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(10));
    }

    public static LifecycleConfig from(Config config) {
        return from(key -> config.getOptionalValue(key, String.class));
    }

    /** From any key lookup (tests). */
    public static LifecycleConfig from(Function<String, Optional<String>> lookup) {
        LifecycleConfig d = defaults();
        return new LifecycleConfig(
                string(lookup, DRAIN_ENABLED).map(v -> bool(DRAIN_ENABLED, v)).orElse(d.drainEnabled()),
                duration(lookup, DRAIN_TIMEOUT).orElse(d.drainTimeout()),
                duration(lookup, DRAIN_PERIOD).orElse(d.drainPeriod()),
                duration(lookup, GROUPS_TICK).orElse(d.groupsTick()),
                duration(lookup, CLOSE_ALL_TIMEOUT).orElse(d.closeAllTimeout()));
    }

    private static Optional<String> string(Function<String, Optional<String>> lookup, String key) {
        return lookup.apply(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static Optional<Duration> duration(Function<String, Optional<String>> lookup, String key) {
        return string(lookup, key).map(v -> {
            try {
                return GoDuration.parse(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
        });
    }

    private static boolean bool(String key, String value) {
        // MicroProfile Config's boolean converter accepts these too
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "y", "on" -> true;
            case "false", "0", "no", "n", "off" -> false;
            default -> throw new IllegalArgumentException(key + ": not a boolean: " + value);
        };
    }

    private static void positive(String key, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive: " + d);
        }
    }
}
