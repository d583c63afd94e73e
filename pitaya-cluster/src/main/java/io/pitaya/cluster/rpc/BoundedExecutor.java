package io.pitaya.cluster.rpc;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * At most {@code capacity} tasks queued or running on a given executor (the container's, whose own queue the
 * caller does not control). A task that does not fit is refused at once, so NATS' delivery thread never blocks.
 */
final class BoundedExecutor {

    /** A task that tells when it is finished (it may complete later, asynchronously). */
    interface Task {
        void run(Runnable done);
    }

    private final Executor executor;
    private final Semaphore permits;

    BoundedExecutor(Executor executor, int capacity) {
        this.executor = executor;
        this.permits = new Semaphore(capacity);
    }

    /** Returns false, without running it, when the task does not fit. */
    boolean tryExecute(Task task) {
        if (!permits.tryAcquire()) {
            return false;
        }
        try {
            executor.execute(() -> {
                try {
                    task.run(permits::release);
                } catch (RuntimeException | Error e) {
                    permits.release();
                    throw e;
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            permits.release();
            return false;
        }
    }

    /** For a task that is done when it returns. */
    boolean tryExecute(Runnable task) {
        return tryExecute(done -> {
            try {
                task.run();
            } finally {
                done.run();
            }
        });
    }
}
