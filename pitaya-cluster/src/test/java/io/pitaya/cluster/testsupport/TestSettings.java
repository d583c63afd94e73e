package io.pitaya.cluster.testsupport;

import io.pitaya.cluster.config.SettingSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Settings written without their common key prefix, e.g. {@code under("pitaya.cluster.sd.etcd.", Map.of("prefix", ..))}. */
public final class TestSettings {

    private TestSettings() {
    }

    /** Later maps override earlier ones. */
    @SafeVarargs
    public static SettingSource under(String prefix, Map<String, String>... layers) {
        Map<String, String> values = new HashMap<>();
        for (Map<String, String> layer : layers) {
            values.putAll(layer);
        }
        return key -> key.startsWith(prefix) ? Optional.ofNullable(values.get(key.substring(prefix.length())))
                : Optional.empty();
    }
}
