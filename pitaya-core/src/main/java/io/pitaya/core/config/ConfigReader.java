package io.pitaya.core.config;

import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads of single keys, for the feature classes that own their keys (limits, dispatch pool, pipelines,
 * modules): blank values count as unset, durations use Pitaya's Go syntax, and a bad value names its key.
 */
public final class ConfigReader {

    private ConfigReader() {
    }

    public static Optional<String> string(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    public static boolean bool(Config config, String key, boolean defaultValue) {
        return string(config, key).map(v -> {
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(v);
            }
            throw new IllegalArgumentException(key + " must be true or false: " + v);
        }).orElse(defaultValue);
    }

    public static int integer(Config config, String key, int defaultValue) {
        return string(config, key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be an integer: " + v, e);
            }
        }).orElse(defaultValue);
    }

    public static Duration duration(Config config, String key, Duration defaultValue) {
        return string(config, key).map(v -> {
            try {
                return GoDuration.parse(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
        }).orElse(defaultValue);
    }

    /**
     * A list value in MicroProfile Config's array syntax: items separated by commas, a backslash before a comma
     * that belongs to the item (written {@code \\,} in a {@code .properties} file); empty items are dropped, items
     * are not trimmed.
     */
    public static List<String> list(Config config, String key) {
        return string(config, key).map(ConfigReader::splitList).orElse(List.of());
    }

    static List<String> splitList(String value) {
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && value.charAt(i + 1) == ',') {
                item.append(',');
                i++;
            } else if (c == ',') {
                addItem(items, item);
            } else {
                item.append(c);
            }
        }
        addItem(items, item);
        return List.copyOf(items);
    }

    private static void addItem(List<String> items, StringBuilder item) {
        if (item.length() > 0) {
            items.add(item.toString());
        }
        item.setLength(0);
    }
}
