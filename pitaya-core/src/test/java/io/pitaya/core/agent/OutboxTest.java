package io.pitaya.core.agent;

import io.pitaya.core.testing.RecordingConnection;
import io.pitaya.spi.Connection;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxTest {

    private final AtomicInteger overflows = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private Outbox outbox(Connection connection, int capacity) {
        return new Outbox(connection, capacity, overflows::incrementAndGet, failure::set);
    }

    private static byte[] p(int n) {
        return new byte[]{(byte) n};
    }

    @Test
    void writesInOrderOneAtATime() {
        RecordingConnection c = RecordingConnection.manual();
        Outbox outbox = outbox(c, 10);

        for (int i = 1; i <= 4; i++) {
            assertThat(outbox.offer(p(i))).isTrue();
        }

        assertThat(c.nextFrame()).containsExactly(1);
        assertThat(c.unread()).as("second write started before the first completed").isZero();
        assertThat(outbox.queued()).isEqualTo(3);
        for (int i = 2; i <= 4; i++) {
            assertThat(c.completeNext()).isTrue();
            assertThat(c.nextFrame()).containsExactly(i);
            assertThat(c.unread()).isZero();
        }
        assertThat(c.completeNext()).isTrue();
        assertThat(c.completeNext()).isFalse();
        assertThat(outbox.queued()).isZero();
        assertThat(c.maxInFlight()).isEqualTo(1);
        assertThat(c.isClosed()).isFalse();
    }

    @Test
    void overflowBeyondCapacityIsRefusedAndReported() {
        RecordingConnection c = RecordingConnection.manual();
        Outbox outbox = outbox(c, 2);

        assertThat(outbox.offer(p(1))).isTrue(); // in flight: not counted
        assertThat(outbox.offer(p(2))).isTrue();
        assertThat(outbox.offer(p(3))).isTrue();
        assertThat(overflows).hasValue(0);

        assertThat(outbox.offer(p(4))).isFalse();
        assertThat(overflows).hasValue(1);
        assertThat(outbox.queued()).isEqualTo(2);

        // draining makes room again; the refused packet is never written
        c.completeNext();
        assertThat(outbox.offer(p(5))).isTrue();
        List<Integer> written = new ArrayList<>();
        while (c.completeNext() || c.unread() > 0) {
            while (c.unread() > 0) {
                written.add((int) c.nextFrame()[0]);
            }
        }
        assertThat(written).containsExactly(1, 2, 3, 5);
    }

    @Test
    void writeFailureIsReportedAndStopsTheQueue() {
        RecordingConnection c = RecordingConnection.manual();
        Outbox outbox = outbox(c, 10);
        outbox.offer(p(1));
        outbox.offer(p(2));
        IOException broken = new IOException("broken pipe");

        c.failNext(broken);

        assertThat(failure.get()).isSameAs(broken);
        assertThat(c.history()).hasSize(1);
    }

    @Test
    void closeWhenFlushedWaitsForTheQueuedPackets() {
        RecordingConnection c = RecordingConnection.manual();
        Outbox outbox = outbox(c, 10);
        outbox.offer(p(1));
        outbox.offer(p(2));

        outbox.closeWhenFlushed();
        assertThat(c.isClosed()).isFalse();
        c.completeNext();
        assertThat(c.isClosed()).isFalse();
        c.completeNext();
        assertThat(c.isClosed()).isTrue();
        assertThat(c.history()).hasSize(2);
    }

    @Test
    void closeWhenFlushedWithNothingQueuedClosesAtOnce() {
        RecordingConnection c = RecordingConnection.manual();
        outbox(c, 10).closeWhenFlushed();
        assertThat(c.isClosed()).isTrue();
    }

    @Test
    void writeInFlightTimeIsZeroWhenIdle() throws InterruptedException {
        RecordingConnection c = RecordingConnection.manual();
        Outbox outbox = outbox(c, 10);
        assertThat(outbox.writeInFlightNanos(System.nanoTime())).isZero();
        outbox.offer(p(1));
        Thread.sleep(2);
        assertThat(outbox.writeInFlightNanos(System.nanoTime())).isGreaterThanOrEqualTo(1_000_000L);
        c.completeNext();
        assertThat(outbox.writeInFlightNanos(System.nanoTime())).isZero();
    }

    @Test
    void aLongQueueDrainedByWritesThatCompleteInlineDoesNotGrowTheStack() {
        // the first write is slow; once it completes, the transport has room and completes the rest inline
        // (as a WebSocket container does when the socket buffer has space)
        int n = 50_000;
        AtomicReference<Consumer<Throwable>> firstDone = new AtomicReference<>();
        List<Integer> written = new ArrayList<>();
        AtomicInteger depth = new AtomicInteger();
        AtomicInteger maxDepth = new AtomicInteger();
        Connection c = new Connection() {
            @Override
            public void write(byte[] packet, Consumer<Throwable> done) {
                maxDepth.accumulateAndGet(depth.incrementAndGet(), Math::max);
                written.add(ByteBuffer.wrap(packet).getInt());
                if (firstDone.get() == null) {
                    firstDone.set(done);
                } else {
                    done.accept(null);
                }
                depth.decrementAndGet();
            }

            @Override
            public void close() {
            }

            @Override
            public String remoteAddress() {
                return "127.0.0.1:1";
            }

            @Override
            public String transport() {
                return "inline";
            }
        };
        Outbox outbox = outbox(c, n);
        for (int i = 0; i < n; i++) {
            assertThat(outbox.offer(ByteBuffer.allocate(4).putInt(i).array())).isTrue();
        }

        firstDone.get().accept(null);

        assertThat(written).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(written.get(i)).isEqualTo(i);
        }
        assertThat(maxDepth.get()).as("nested writes").isLessThanOrEqualTo(2);
        assertThat(outbox.queued()).isZero();
        assertThat(outbox.writeInFlightNanos(System.nanoTime())).isZero();
    }

    @Test
    void aWriteThatFailsInlineIsReported() {
        IOException broken = new IOException("reset");
        Connection c = new Connection() {
            @Override
            public void write(byte[] packet, Consumer<Throwable> done) {
                done.accept(broken);
            }

            @Override
            public void close() {
            }

            @Override
            public String remoteAddress() {
                return "127.0.0.1:1";
            }

            @Override
            public String transport() {
                return "inline";
            }
        };
        Outbox outbox = outbox(c, 10);
        outbox.offer(p(1));
        assertThat(failure.get()).isSameAs(broken);
    }

    /** Writes complete on another thread, as a real network stack would. */
    private static final class AsyncConnection implements Connection {
        final ExecutorService completer = Executors.newSingleThreadExecutor();
        final List<byte[]> written = new ArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final CountDownLatch all;

        AsyncConnection(int expected) {
            all = new CountDownLatch(expected);
        }

        @Override
        public void write(byte[] packet, Consumer<Throwable> done) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            synchronized (written) {
                written.add(packet);
            }
            completer.execute(() -> {
                inFlight.decrementAndGet();
                all.countDown();
                done.accept(null);
            });
        }

        @Override
        public void close() {
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1:1";
        }

        @Override
        public String transport() {
            return "async";
        }
    }

    @Test
    void concurrentSendersNeverOverlapWritesNorLosePackets() throws Exception {
        int producers = 4;
        int each = 2_000;
        AsyncConnection c = new AsyncConnection(producers * each);
        Outbox outbox = outbox(c, producers * each);
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            for (int p = 0; p < producers; p++) {
                int producer = p;
                pool.execute(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < each; i++) {
                        outbox.offer(ByteBuffer.allocate(8).putInt(producer).putInt(i).array());
                    }
                });
            }
            go.countDown();

            assertThat(c.all.await(10, TimeUnit.SECONDS)).as("every packet written").isTrue();
            assertThat(c.maxInFlight).hasValue(1);
            int[] next = new int[producers];
            synchronized (c.written) {
                assertThat(c.written).hasSize(producers * each);
                for (byte[] packet : c.written) {
                    ByteBuffer b = ByteBuffer.wrap(packet);
                    int producer = b.getInt();
                    assertThat(b.getInt()).as("sequence of producer %d", producer).isEqualTo(next[producer]++);
                }
            }
            assertThat(overflows).hasValue(0);
        } finally {
            pool.shutdownNow();
            c.completer.shutdownNow();
        }
    }
}
