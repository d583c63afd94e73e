package io.pitaya.jca.tcp.nio;

import io.pitaya.spi.Connection;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** Test stand-in for the core's outbox: one write in flight per connection, as the engine's contract requires. */
final class SerialWriter {

    private final Connection connection;
    private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    final AtomicReference<Throwable> failure = new AtomicReference<>();

    SerialWriter(Connection connection) {
        this.connection = connection;
    }

    void send(byte[] packet) {
        queue.add(packet);
        drain();
    }

    private void drain() {
        while (writing.compareAndSet(false, true)) {
            byte[] next = queue.poll();
            if (next == null) {
                writing.set(false);
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            connection.write(next, this::written);
            return;
        }
    }

    private void written(Throwable t) {
        if (t != null) {
            failure.compareAndSet(null, t);
            return;
        }
        writing.set(false);
        drain();
    }
}
