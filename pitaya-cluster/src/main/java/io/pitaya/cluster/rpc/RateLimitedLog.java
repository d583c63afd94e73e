package io.pitaya.cluster.rpc;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Logs at most one message per interval and counts the ones it skipped, so a flood of bad input cannot flood logs. */
final class RateLimitedLog {

    private final Logger logger;
    private final long intervalNanos;
    private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    RateLimitedLog(Logger logger, Duration interval) {
        this.logger = logger;
        this.intervalNanos = interval.toNanos();
    }

    void warn(String message, Throwable cause) {
        long now = System.nanoTime();
        long due = next.get();
        if ((due == Long.MIN_VALUE || now - due >= 0) && next.compareAndSet(due, now + intervalNanos)) {
            long skipped = suppressed.getAndSet(0);
            logger.log(Level.WARNING, skipped == 0 ? message : message + " (" + skipped + " similar not logged)",
                    cause);
        } else {
            suppressed.incrementAndGet();
        }
    }
}
