package io.pitaya.cluster.config;

import io.pitaya.core.config.GoDuration;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where cluster settings come from: a key-to-value lookup (MicroProfile Config in the container, a map in tests),
 * with typed reads that treat blank values as unset, use Pitaya's Go duration syntax and name the key of a bad
 * value.
 */
@FunctionalInterface
public interface SettingSource {

    Optional<String> raw(String key);

    static SettingSource of(Function<String, Optional<String>> lookup) {
        return lookup::apply;
    }

    static SettingSource of(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }

    default Optional<String> string(String key) {
        return raw(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    default String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
    }

    default int integer(String key, int defaultValue) {
        return string(key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be an integer: " + v, e);
            }
        }).orElse(defaultValue);
    }

    default boolean bool(String key, boolean defaultValue) {
        return string(key).map(v -> {
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(v);
            }
            throw new IllegalArgumentException(key + " must be true or false: " + v);
        }).orElse(defaultValue);
    }

    default Duration duration(String key, Duration defaultValue) {
        return string(key).map(v -> {
            try {
                return GoDuration.parse(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
        }).orElse(defaultValue);
    }

    /** A comma-separated list, items trimmed, empty items dropped (Pitaya accepts "a,b" for endpoint lists). */
    default List<String> list(String key, List<String> defaultValue) {
        return string(key).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(defaultValue);
    }

    /** Checks a setting Pitaya requires to be positive. */
    static int positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be greater than zero: " + value);
        }
        return value;
    }

    static Duration positive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be greater than zero: " + value);
        }
        return value;
    }
}
