package io.pitaya.core.session;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the tasks given to it one at a time, in submission order, on a shared executor. This is how one session's
 * messages stay in order without a thread per session, while other sessions run in parallel on the same pool.
 */
public final class SerialExecutor implements Executor {

    private static final Logger LOG = Logger.getLogger(SerialExecutor.class.getName());

    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        try {
            schedule();
        } catch (RuntimeException rejected) {
            // the caller is told the task was refused: it must not run later with the next accepted one
            tasks.remove(task);
            throw rejected;
        }
    }

    private void schedule() {
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(this::runBatch);
            } catch (RuntimeException rejected) {
                scheduled.set(false);
                throw rejected;
            }
        }
    }

    private void runBatch() {
        // a bounded batch keeps one busy session from monopolising a pool thread
        for (int i = 0; i < 64; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                break;
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "task failed", e);
            }
        }
        scheduled.set(false);
        schedule();
    }
}
