package io.pitaya.jca.tcp.nio;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few reusable TLS output buffers. SSLEngine insists on a whole record's worth (~16 KB) of room for every wrap,
 * even for a 4-byte heartbeat; allocating that per packet is mostly garbage, and keeping one per connection would
 * break the small per-connection footprint. Bounded: extra buffers are left to the garbage collector.
 * Thread-safe.
 */
final class BufferPool {

    private final int bufferSize;
    private final int maxRetained;
    private final Queue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger retained = new AtomicInteger();

    BufferPool(int bufferSize, int maxRetained) {
        this.bufferSize = bufferSize;
        this.maxRetained = maxRetained;
    }

    int bufferSize() {
        return bufferSize;
    }

    /** A cleared buffer of {@link #bufferSize()} bytes. */
    ByteBuffer take() {
        ByteBuffer b = free.poll();
        if (b == null) {
            return ByteBuffer.allocate(bufferSize);
        }
        retained.decrementAndGet();
        return b;
    }

    /** Returns a buffer the caller no longer references. Buffers of another size are dropped. */
    void give(ByteBuffer b) {
        if (b.capacity() != bufferSize || retained.incrementAndGet() > maxRetained) {
            if (b.capacity() == bufferSize) {
                retained.decrementAndGet();
            }
            return;
        }
        b.clear();
        free.offer(b);
    }
}
