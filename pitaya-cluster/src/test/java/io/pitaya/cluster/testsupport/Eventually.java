package io.pitaya.cluster.testsupport;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;

/** Polling for what real servers do asynchronously, and a thread factory whose threads a test can account for. */
public final class Eventually {

    private Eventually() {
    }

    /** Waits until the condition holds; returns how long it took, or fails after {@code timeout}. */
    public static Duration within(Duration timeout, String what, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** A factory naming its threads {@code <prefix>-<n>} and counting those still alive. */
    public static final class CountingThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger created = new AtomicInteger();
        private final List<Thread> threads = new CopyOnWriteArrayList<>();

        public CountingThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, prefix + "-" + created.incrementAndGet());
            t.setDaemon(true);
            threads.add(t);
            return t;
        }

        public int created() {
            return created.get();
        }

        public long alive() {
            return threads.stream().filter(Thread::isAlive).count();
        }

        @Override
        public String toString() {
            return threads.stream().filter(Thread::isAlive).map(t -> {
                String stack = Arrays.toString(t.getStackTrace());
                return t.getName() + " " + stack.substring(0, Math.min(300, stack.length()));
            }).toList().toString();
        }
    }
}
