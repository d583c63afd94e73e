package io.pitaya.jca.tcp.nio;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lifecycle of one loop handed to a {@link LoopRunner}: the runner may start it late or never (a busy work
 * manager), so stopping must work whether or not the loop ever ran, and waiting for it must be bounded.
 * Thread-safe.
 */
final class LoopState {

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int STOPPED = 2;

    private final AtomicInteger phase = new AtomicInteger(NEW);
    private final CountDownLatch exited = new CountDownLatch(1);

    /** Called first thing by the loop; false when it was stopped before it ran (it must return at once). */
    boolean enter() {
        return phase.compareAndSet(NEW, RUNNING);
    }

    boolean isRunning() {
        return phase.get() == RUNNING;
    }

    boolean isStopped() {
        return phase.get() == STOPPED;
    }

    /**
     * Asks the loop to stop.
     *
     * @return true when the loop never ran: the caller must release its resources itself
     */
    boolean stop() {
        if (phase.compareAndSet(NEW, STOPPED)) {
            exited.countDown();
            return true;
        }
        phase.set(STOPPED);
        return false;
    }

    /** Called by the loop when it has released everything. */
    void exited() {
        exited.countDown();
    }

    boolean awaitExit(long deadlineNanos) throws InterruptedException {
        return exited.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
