package io.pitaya.core.lifecycle;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LifecycleConfigTest {

    private static LifecycleConfig from(Map<String, String> values) {
        return LifecycleConfig.from(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void defaultsArePitayas() {
        LifecycleConfig c = from(Map.of());
        assertThat(c).isEqualTo(LifecycleConfig.defaults());
        assertThat(c.drainEnabled()).isFalse();
        assertThat(c.drainTimeout()).isEqualTo(Duration.ofHours(6));
        assertThat(c.drainPeriod()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.groupsTick()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.closeAllTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void keysAreReadWithGoDurations() {
        LifecycleConfig c = from(Map.of(
                "pitaya.session.drain.enabled", "true",
                "pitaya.session.drain.timeout", "1m30s",
                "pitaya.session.drain.period", "500ms",
                "pitaya.groups.memory.tickduration", "2s",
                "pitaya.session.closeall.timeout", "0s"));
        assertThat(c).isEqualTo(new LifecycleConfig(true, Duration.ofSeconds(90), Duration.ofMillis(500),
                Duration.ofSeconds(2), Duration.ZERO));
    }

    @Test
    void invalidValuesNameTheKey() {
        assertThatThrownBy(() -> from(Map.of("pitaya.session.drain.period", "0s")))
                .hasMessageContaining("pitaya.session.drain.period");
        assertThatThrownBy(() -> from(Map.of("pitaya.groups.memory.tickduration", "soon")))
                .hasMessageContaining("pitaya.groups.memory.tickduration");
        assertThatThrownBy(() -> from(Map.of("pitaya.session.drain.enabled", "maybe")))
                .hasMessageContaining("pitaya.session.drain.enabled");
    }
}
