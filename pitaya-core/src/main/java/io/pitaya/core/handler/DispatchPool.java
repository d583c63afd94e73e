package io.pitaya.core.handler;

import io.pitaya.core.config.ConfigReader;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The threads that run handlers and session close callbacks: exactly {@code pitaya.concurrency.handler.dispatch}
 * (Pitaya's default 25) threads from the given factory (in the container, a {@code ManagedThreadFactory}, so they
 * carry the application's context), all started at once, with an unbounded queue.
 *
 * <p>Sessions reach it through their mailboxes ({@link io.pitaya.core.session.SerialExecutor}): a session occupies
 * at most one thread at a time and its messages run in order, so a slow handler holds one thread and delays only its
 * own session. Once every thread is busy (for instance all blocked in slow handlers), further work waits in the
 * queue for the next free thread: the pool size is the number of handlers that can run at the same time.
 */
public final class DispatchPool implements Executor {

    public static final String DISPATCH_THREADS = "pitaya.concurrency.handler.dispatch";
    public static final int DEFAULT_THREADS = 25;

    private static final Logger LOG = Logger.getLogger(DispatchPool.class.getName());

    private final ThreadPoolExecutor pool;

    public DispatchPool(int threads, ThreadFactory threadFactory) {
        if (threads < 1) {
            throw new IllegalArgumentException(DISPATCH_THREADS + " must be >= 1: " + threads);
        }
        pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), threadFactory);
        // every thread now, from the caller's (deploying) thread: never from an I/O thread that submits work later
        pool.prestartAllCoreThreads();
    }

    /** A pool of the configured size on {@code threadFactory}. */
    public static DispatchPool create(Config config, ThreadFactory threadFactory) {
        return new DispatchPool(ConfigReader.integer(config, DISPATCH_THREADS, DEFAULT_THREADS), threadFactory);
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task); // RejectedExecutionException once shut down
    }

    /** The number of threads. */
    public int size() {
        return pool.getMaximumPoolSize();
    }

    /** Threads running a task right now (approximate). */
    public int active() {
        return pool.getActiveCount();
    }

    /** Tasks waiting for a thread (approximate). */
    public int queued() {
        return pool.getQueue().size();
    }

    /**
     * Lets queued work finish for up to {@code grace}, then interrupts what still runs. Later {@link #execute} calls
     * are refused.
     */
    public void shutdown(Duration grace) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                int dropped = pool.shutdownNow().size();
                LOG.warning(() -> "handler threads still busy after " + grace.toMillis() + " ms at shutdown: interrupted them"
                        + (dropped > 0 ? ", " + dropped + " queued tasks dropped" : ""));
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "DispatchPool[" + size() + " threads, " + active() + " active, " + queued() + " queued]";
    }
}
