package io.pitaya.core.agent;

import java.time.Duration;

/**
 * Pitaya's per-connection limiter (its "leaky bucket" acceptor wrapper): at most {@code limit} packets in any
 * {@code interval}. Each accepted packet takes a slot that frees {@code interval} after it was taken; a packet that
 * finds no free slot is refused. A ring of the last {@code limit} acceptance times: O(1) per packet, no allocation.
 */
public final class RateLimiter {

    private final long intervalNanos;
    private final long[] taken;
    private int count;
    private int oldest;

    public RateLimiter(int limit, Duration interval) {
        if (limit < 1) {
            throw new IllegalArgumentException("rate limit must be >= 1: " + limit);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("rate limit interval must be > 0: " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.taken = new long[limit];
    }

    /** Takes a slot at {@code nowNanos} ({@link System#nanoTime()} scale) if one is free. */
    public synchronized boolean tryAcquire(long nowNanos) {
        if (count < taken.length) {
            taken[count++] = nowNanos;
            return true;
        }
        if (nowNanos - taken[oldest] < intervalNanos) {
            return false;
        }
        taken[oldest] = nowNanos;
        oldest = (oldest + 1) % taken.length;
        return true;
    }
}
