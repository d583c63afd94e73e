package io.pitaya.jca.tcp.nio;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Runs each loop on its own daemon thread and remembers them, so tests can check that loops end. */
final class ThreadRunner implements LoopRunner {

    final List<Thread> threads = new CopyOnWriteArrayList<>();

    @Override
    public void start(String name, Runnable loop) {
        Thread t = new Thread(loop, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    boolean allEnded(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        for (Thread t : threads) {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }
}
