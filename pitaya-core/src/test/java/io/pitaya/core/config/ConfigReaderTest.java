package io.pitaya.core.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigReaderTest {

    @Test
    void listsSplitOnUnescapedCommasAndDropEmptyItems() {
        assertThat(ConfigReader.splitList("a,b")).containsExactly("a", "b");
        assertThat(ConfigReader.splitList("-c,echo a\\,b; x")).containsExactly("-c", "echo a,b; x");
        assertThat(ConfigReader.splitList(",a,,b,")).containsExactly("a", "b");
        assertThat(ConfigReader.splitList("a b")).containsExactly("a b");
        assertThat(ConfigReader.list(MapConfig.of(), "k")).isEmpty();
    }

    @Test
    void typedValuesWithDefaultsAndKeyedErrors() {
        MapConfig config = MapConfig.of("b", " true ", "i", "7", "d", "1m30s", "blank", "  ", "bad", "x");
        assertThat(ConfigReader.bool(config, "b", false)).isTrue();
        assertThat(ConfigReader.bool(config, "blank", true)).isTrue();
        assertThat(ConfigReader.integer(config, "i", 0)).isEqualTo(7);
        assertThat(ConfigReader.integer(config, "missing", 3)).isEqualTo(3);
        assertThat(ConfigReader.duration(config, "d", Duration.ZERO)).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> ConfigReader.bool(config, "bad", false)).hasMessageContaining("bad");
        assertThatThrownBy(() -> ConfigReader.integer(config, "bad", 0)).hasMessageContaining("bad");
        assertThatThrownBy(() -> ConfigReader.duration(config, "bad", Duration.ZERO)).hasMessageContaining("bad");
    }
}
