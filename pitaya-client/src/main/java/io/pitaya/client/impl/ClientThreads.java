package io.pitaya.client.impl;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client's own threads: one listener thread (events stay ordered and cannot stall reading), a pool that
 * completes futures (so a listener may block on a request), and one timer. All are daemons. Once shut down,
 * work is dropped or done inline rather than rejected, because whatever it guarded was already failed by close.
 */
final class ClientThreads {

    private static final System.Logger LOG = System.getLogger(DefaultPitayaClient.class.getName());
    private static final AtomicInteger CLIENT_SEQ = new AtomicInteger();

    private final ExecutorService listenerExecutor;
    private final ExecutorService completionExecutor;
    private final ScheduledThreadPoolExecutor scheduler;

    ClientThreads() {
        int n = CLIENT_SEQ.incrementAndGet();
        this.listenerExecutor = Executors.newSingleThreadExecutor(daemon("pitaya-client-" + n + "-listener"));
        this.completionExecutor = Executors.newCachedThreadPool(daemon("pitaya-client-" + n + "-callback"));
        this.scheduler = new ScheduledThreadPoolExecutor(1, daemon("pitaya-client-" + n + "-timer"));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.scheduler.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    /** Runs a listener event on the listener thread; dropped once the client is closed. */
    void dispatch(Runnable event) {
        try {
            listenerExecutor.execute(() -> safely(event, "listener"));
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "client closed; dropping event");
        }
    }

    static void safely(Runnable r, String what) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, what + " threw", e);
        }
    }

    <T> void complete(CompletableFuture<T> f, T value) {
        try {
            completionExecutor.execute(() -> f.complete(value));
        } catch (RejectedExecutionException e) {
            f.complete(value);
        }
    }

    void fail(CompletableFuture<?> f, Throwable error) {
        try {
            completionExecutor.execute(() -> f.completeExceptionally(error));
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(error);
        }
    }

    /** A one-shot timer task, or null if the client is closed already. */
    ScheduledFuture<?> schedule(Runnable task, long delayMs) {
        try {
            return scheduler.schedule(() -> safely(task, "timer task"), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null; // closed: whatever the task guarded was failed by close
        }
    }

    /** A periodic timer task; nothing if the client is closed already. */
    void every(long periodMs, Runnable task) {
        try {
            scheduler.scheduleAtFixedRate(task, periodMs, periodMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed concurrently
        }
    }

    /** First step of closing: no more timers (heartbeats, timeouts). */
    void stopTimer() {
        scheduler.shutdownNow();
    }

    /** Last step of closing: events and completions already queued are still delivered. */
    void shutdown() {
        listenerExecutor.shutdown();
        completionExecutor.shutdown();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
