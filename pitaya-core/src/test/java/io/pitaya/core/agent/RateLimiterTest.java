package io.pitaya.core.agent;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pitaya's limiter: at most {@code limit} packets in any {@code interval}; a slot frees {@code interval} after use. */
class RateLimiterTest {

    private static final long MS = 1_000_000L;

    @Test
    void limitPacketsPassThenTheRestOfTheIntervalIsRefused() {
        RateLimiter limiter = new RateLimiter(3, Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire(0)).isTrue();
        assertThat(limiter.tryAcquire(10 * MS)).isTrue();
        assertThat(limiter.tryAcquire(20 * MS)).isTrue();
        assertThat(limiter.tryAcquire(30 * MS)).isFalse();
        assertThat(limiter.tryAcquire(999 * MS)).isFalse();
    }

    @Test
    void eachSlotFreesOneIntervalAfterItWasTaken() {
        RateLimiter limiter = new RateLimiter(3, Duration.ofSeconds(1));
        limiter.tryAcquire(0);
        limiter.tryAcquire(400 * MS);
        limiter.tryAcquire(800 * MS);
        assertThat(limiter.tryAcquire(999 * MS)).isFalse();
        assertThat(limiter.tryAcquire(1000 * MS)).as("the slot taken at 0 is free again").isTrue();
        assertThat(limiter.tryAcquire(1100 * MS)).as("the next frees at 1400").isFalse();
        assertThat(limiter.tryAcquire(1400 * MS)).isTrue();
        assertThat(limiter.tryAcquire(1800 * MS)).isTrue();
        assertThat(limiter.tryAcquire(1801 * MS)).isFalse();
    }

    @Test
    void refusedPacketsTakeNoSlot() {
        RateLimiter limiter = new RateLimiter(1, Duration.ofMillis(100));
        assertThat(limiter.tryAcquire(0)).isTrue();
        for (long t = 1; t < 100; t++) {
            assertThat(limiter.tryAcquire(t * MS)).isFalse();
        }
        assertThat(limiter.tryAcquire(100 * MS)).isTrue();
    }

    @Test
    void aSteadyPoliteRateIsNeverRefused() {
        RateLimiter limiter = new RateLimiter(20, Duration.ofSeconds(1));
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.tryAcquire(i * 50 * MS)).as("packet %d", i).isTrue(); // 20 per second exactly
        }
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> new RateLimiter(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
