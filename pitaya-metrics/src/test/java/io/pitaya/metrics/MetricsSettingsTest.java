package io.pitaya.metrics;

import io.pitaya.core.config.MapConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsSettingsTest {

    @Test
    void offByDefaultWithTheServerTypeAsALabel() {
        MetricsSettings settings = MetricsSettings.from(MapConfig.of(), "chat");
        assertThat(settings.anyRegistry()).isFalse();
        assertThat(settings.constLabels()).isEqualTo(Map.of("serverType", "chat"));
        assertThat(settings.statsdHost()).isEqualTo("localhost");
        assertThat(settings.statsdPort()).isEqualTo(9125);
        assertThat(settings.statsdPrefix()).isEqualTo("pitaya.");
        assertThat(settings.latencyBuckets()).isEqualTo(MetricsSettings.DEFAULT_LATENCY_BUCKETS);
    }

    @Test
    void pitayasKeys() {
        MetricsSettings settings = MetricsSettings.from(MapConfig.of(
                MetricsSettings.PROMETHEUS_ENABLED, "true", MetricsSettings.STATSD_ENABLED, "true",
                MetricsSettings.STATSD_HOST, "stats.local:8125", MetricsSettings.GAME, "tictactoe",
                MetricsSettings.CONST_LABELS, "region=eu,shard=3", MetricsSettings.LATENCY_BUCKETS, "1ms,10ms,1s"), "chat");
        assertThat(settings.prometheus()).isTrue();
        assertThat(settings.statsd()).isTrue();
        assertThat(settings.statsdHost()).isEqualTo("stats.local");
        assertThat(settings.statsdPort()).isEqualTo(8125);
        assertThat(settings.constLabels()).isEqualTo(Map.of("serverType", "chat", "game", "tictactoe", "region", "eu", "shard", "3"));
        assertThat(settings.latencyBuckets()).containsExactly(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofSeconds(1));
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> MetricsSettings.from(MapConfig.of(MetricsSettings.CONST_LABELS, "oops"), "chat"))
                .hasMessageContaining(MetricsSettings.CONST_LABELS);
        assertThatThrownBy(() -> MetricsSettings.from(MapConfig.of(MetricsSettings.LATENCY_BUCKETS, "fast"), "chat"))
                .hasMessageContaining(MetricsSettings.LATENCY_BUCKETS);
        assertThatThrownBy(() -> MetricsSettings.from(MapConfig.of(MetricsSettings.STATSD_HOST, "h:x"), "chat"))
                .hasMessageContaining(MetricsSettings.STATSD_HOST);
    }
}
