package io.pitaya.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({
            "30s, 30000000000",
            "500ms, 500000000",
            "1m30s, 90000000000",
            "1.5h, 5400000000000",
            "250us, 250000",
            "250µs, 250000",
            "7ns, 7",
            "10, 10000000000",
            "0.5, 500000000",
            "2h45m, 9900000000000",
            "1h1m1s1ms, 3661001000000",
            "' 15s ', 15000000000",
            "+5s, 5000000000",
            "-1.5s, -1500000000",
            "0, 0",
            "0s, 0"})
    void parsesGoDurations(String text, long nanos) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "s", "abc", "10x", "5 s", "1h-5m", "ms10", "1..5s", "-", ".", "3d", "1S"})
    void rejectsBadInput(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesTheBadInput() {
        assertThatThrownBy(() -> GoDuration.parse("10x")).hasMessageContaining("invalid duration \"10x\"");
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0s",
            "30000, 30s",
            "90000, 1m30s",
            "3600000, 1h0m0s",
            "5400000, 1h30m0s",
            "500, 500ms"})
    void formatsLikeGo(long millis, String text) {
        assertThat(GoDuration.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }
}
