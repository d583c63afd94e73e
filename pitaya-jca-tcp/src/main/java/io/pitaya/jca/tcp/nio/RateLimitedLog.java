package io.pitaya.jca.tcp.nio;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A logger for failures that peers can cause: at most {@code perWindow} records per window, then one line saying how
 * many were dropped, so a flood of bad connections cannot flood the log. Thread-safe.
 */
final class RateLimitedLog {

    private final Logger logger;
    private final int perWindow;
    private final long windowNanos;
    private long windowStart; // guarded by this
    private int logged;       // guarded by this
    private long dropped;     // guarded by this

    RateLimitedLog(Logger logger, int perWindow, long windowMillis) {
        this.logger = logger;
        this.perWindow = perWindow;
        this.windowNanos = windowMillis * 1_000_000;
        this.windowStart = System.nanoTime();
    }

    void log(Level level, String message, Throwable cause) {
        if (!logger.isLoggable(level)) {
            return;
        }
        long droppedBefore;
        synchronized (this) {
            long now = System.nanoTime();
            droppedBefore = 0;
            if (now - windowStart >= windowNanos) {
                droppedBefore = dropped;
                windowStart = now;
                logged = 0;
                dropped = 0;
            }
            if (logged >= perWindow) {
                dropped++;
                return;
            }
            logged++;
        }
        try {
            if (droppedBefore > 0) {
                logger.log(level, droppedBefore + " similar messages were not logged");
            }
            logger.log(level, message, cause);
        } catch (Throwable e) {
            // logging itself failed (e.g. no memory left for the record): the caller's loop must still go on
        }
    }
}
