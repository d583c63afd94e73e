package io.pitaya.core.lifecycle;

import io.pitaya.core.session.SessionPool;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * Pitaya's session drain: on shutdown, once new connections and handshakes are refused (the caller's part), wait
 * until the sessions leave on their own (logging how many are left every period) or the timeout passes. Whatever
 * remains is closed by the caller afterwards.
 */
public final class SessionDrain {

    private static final Logger LOG = Logger.getLogger(SessionDrain.class.getName());

    private SessionDrain() {
    }

    /** @return true when every session left before the timeout */
    public static boolean drain(SessionPool sessions, Duration timeout, Duration period) {
        LOG.info(() -> "Session drain is enabled, draining all sessions before shutting down: " + sessions.count()
                + " sessions, timeout " + timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (sessions.awaitEmpty(Duration.ofNanos(Math.max(0, Math.min(left, period.toNanos()))))) {
                    LOG.info("All sessions drained");
                    return true;
                }
                if (deadline - System.nanoTime() <= 0) {
                    LOG.warning(() -> "Session drain has reached maximum timeout. " + sessions.count()
                            + " sessions will be immediately terminated");
                    return false;
                }
                LOG.info(() -> "Waiting for all sessions to finish: " + sessions.count() + " sessions remaining...");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warning(() -> "Session drain interrupted. " + sessions.count() + " sessions will be immediately terminated");
            return false;
        }
    }
}
