package io.pitaya.core.session;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * What a shutdown or a drain needs from the sessions: refusing newcomers (for good, or while a drain the server may
 * come back from runs), counting closed sessions whose close work (callbacks, listeners) has not finished, and
 * waiting for either to settle.
 */
public final class ShutdownGate {

    /** Set for good when the server's shutdown begins. */
    private volatile boolean closing;
    /** Drains in progress that refuse newcomers for a while ({@link #pauseAccepting()}). */
    private final AtomicInteger pauses = new AtomicInteger();
    /** Notified whenever a session leaves or finishes its close work; guards {@link #closeWorkPending}. */
    private final Object changes = new Object();
    private int closeWorkPending;

    /** From now on new connections and handshakes are refused, for good (the server's shutdown). */
    public void stopAccepting() {
        closing = true;
    }

    /**
     * New connections and handshakes are refused until the returned action runs (once; later runs do nothing): a
     * drain that the server may come back from (the container suspends it and may resume it).
     */
    public Runnable pauseAccepting() {
        pauses.incrementAndGet();
        AtomicBoolean resumed = new AtomicBoolean();
        return () -> {
            if (resumed.compareAndSet(false, true)) {
                pauses.decrementAndGet();
            }
        };
    }

    public boolean isAccepting() {
        return !closing && pauses.get() == 0;
    }

    /** A session left (it is no longer indexed) and its close work begins. */
    void closeWorkStarted() {
        synchronized (changes) {
            closeWorkPending++;
            changes.notifyAll();
        }
    }

    /** A closed session's close callbacks and listeners have all run. */
    void closeWorkDone() {
        synchronized (changes) {
            closeWorkPending--;
            changes.notifyAll();
        }
    }

    /** Closed sessions whose close callbacks have not finished yet. */
    public int closeWorkPending() {
        synchronized (changes) {
            return closeWorkPending;
        }
    }

    /** Waits until every closed session has run its close callbacks and listeners, at most {@code timeout}. */
    public boolean awaitCloseWork(Duration timeout) throws InterruptedException {
        return await(timeout, () -> closeWorkPending == 0);
    }

    /** Waits until {@code done} holds, re-checked whenever a session leaves or finishes its close work. */
    boolean await(Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changes) {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(changes, left);
            }
            return true;
        }
    }
}
