package io.pitaya.core.config;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/** A MicroProfile Config backed by a map; converts to String, Integer and Boolean like MP Config does. */
public final class MapConfig implements Config {

    private final Map<String, String> values;

    /** From key, value, key, value... */
    public static MapConfig of(String... keyValues) {
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return new MapConfig(values);
    }

    public MapConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    @Override
    public <T> T getValue(String name, Class<T> type) {
        return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
    }

    @Override
    public ConfigValue getConfigValue(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
        String raw = values.get(name);
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        Object value;
        if (type == String.class) {
            value = raw;
        } else if (type == Integer.class) {
            value = Integer.valueOf(raw.trim());
        } else if (type == Boolean.class) {
            String v = raw.trim().toLowerCase();
            value = v.equals("true") || v.equals("1") || v.equals("yes") || v.equals("y") || v.equals("on");
        } else {
            throw new IllegalArgumentException("no converter for " + type);
        }
        return Optional.of(type.cast(value));
    }

    @Override
    public Iterable<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
        return List.of();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
        return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        throw new IllegalArgumentException();
    }
}
