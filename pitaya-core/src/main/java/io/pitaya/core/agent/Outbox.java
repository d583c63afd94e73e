package io.pitaya.core.agent;

import io.pitaya.spi.Connection;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The bounded queue of packets waiting to be written to one connection. Exactly one write is in flight at a time,
 * so packets leave in the order they were offered and no sender ever blocks on the network.
 *
 * <p>When the queue is full the client is not reading fast enough; the overflow handler decides what happens
 * (the agent closes the connection rather than letting one slow reader hold memory or stall a broadcaster).
 */
final class Outbox {

    private final Connection connection;
    private final int capacity;
    private final Runnable onOverflow;
    private final Consumer<Throwable> onWriteFailure;

    private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private volatile long writeStartedNanos;
    private volatile boolean closeWhenFlushed;

    Outbox(Connection connection, int capacity, Runnable onOverflow, Consumer<Throwable> onWriteFailure) {
        this.connection = connection;
        this.capacity = capacity;
        this.onOverflow = onOverflow;
        this.onWriteFailure = onWriteFailure;
    }

    /** Queues a whole encoded packet; false when it was refused because the queue is full. */
    boolean offer(byte[] packet) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            onOverflow.run();
            return false;
        }
        queue.add(packet);
        drain();
        return true;
    }

    /** Closes the connection once everything queued so far has been written. */
    void closeWhenFlushed() {
        closeWhenFlushed = true;
        drain();
    }

    /** Nanos since the write in flight started, or 0 when nothing is being written. */
    long writeInFlightNanos(long nowNanos) {
        return writing.get() ? nowNanos - writeStartedNanos : 0;
    }

    int queued() {
        return queued.get();
    }

    /** Slots left before the queue refuses a packet. */
    int free() {
        return Math.max(0, capacity - queued.get());
    }

    private void drain() {
        while (writing.compareAndSet(false, true)) {
            byte[] next = queue.poll();
            if (next == null) {
                writing.set(false);
                if (queue.isEmpty()) {
                    if (closeWhenFlushed) {
                        connection.close();
                    }
                    return;
                }
                continue; // a packet arrived between poll and release: take it
            }
            queued.decrementAndGet();
            writeStartedNanos = System.nanoTime();
            Write write = new Write();
            connection.write(next, write);
            if (write.returnedFirst()) {
                return; // completes later: written() carries on
            }
            // Completed before write() returned (the transport had room). Carry on in this loop: recursing
            // through written() once per queued packet overflows the stack on a long queue.
            if (write.failure != null) {
                onWriteFailure.accept(write.failure);
                return;
            }
            writing.set(false);
        }
    }

    /** The completion of one write, which either arrives inside {@code Connection.write} or after it returned. */
    private final class Write implements Consumer<Throwable> {
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile Throwable failure;

        @Override
        public void accept(Throwable t) {
            failure = t;
            if (!settled.compareAndSet(false, true)) {
                written(t); // write() has returned: this completion is asynchronous
            }
        }

        /** True when {@code write()} returned before completing; false when the completion already came. */
        boolean returnedFirst() {
            return settled.compareAndSet(false, true);
        }
    }

    private void written(Throwable failure) {
        if (failure != null) {
            onWriteFailure.accept(failure);
            return;
        }
        writing.set(false);
        drain();
    }
}
