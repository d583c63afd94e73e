package io.pitaya.core.testing;

import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.spi.Connection;
import io.pitaya.spi.PacketSink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A fake transport: records every packet the core writes. Writes complete at once ({@link #autoComplete})
 * or only when the test says so ({@link #manual}). Closing reports {@link PacketSink#onClosed()} like a real
 * acceptor does.
 */
public final class RecordingConnection implements Connection {

    public static final long TIMEOUT_SECONDS = 5;

    private final String remoteAddress;
    private final boolean autoComplete;
    private final BlockingQueue<byte[]> written = new LinkedBlockingQueue<>();
    private final List<byte[]> history = new ArrayList<>();
    private final Deque<Consumer<Throwable>> pending = new ConcurrentLinkedDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger closeCount = new AtomicInteger();
    private final AtomicInteger writesAfterClose = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile PacketSink sink;

    private RecordingConnection(String remoteAddress, boolean autoComplete) {
        this.remoteAddress = remoteAddress;
        this.autoComplete = autoComplete;
    }

    /** Every write completes successfully before {@code write} returns. */
    public static RecordingConnection autoComplete(String remoteAddress) {
        return new RecordingConnection(remoteAddress, true);
    }

    public static RecordingConnection autoComplete() {
        return autoComplete("127.0.0.1:5000");
    }

    /** Writes complete only through {@link #completeNext()} / {@link #failNext(Throwable)}. */
    public static RecordingConnection manual() {
        return new RecordingConnection("127.0.0.1:5000", false);
    }

    /** Where {@link #close()} reports the end of the connection, as an acceptor would. */
    public void attach(PacketSink sink) {
        this.sink = sink;
    }

    @Override
    public void write(byte[] packet, Consumer<Throwable> done) {
        if (closeCount.get() > 0) {
            writesAfterClose.incrementAndGet();
            done.accept(new IOException("connection closed"));
            return;
        }
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        synchronized (history) {
            history.add(packet);
        }
        written.add(packet);
        if (autoComplete) {
            inFlight.decrementAndGet();
            done.accept(null);
        } else {
            pending.add(done);
        }
    }

    /** Completes the oldest write in flight; false when none is. */
    public boolean completeNext() {
        Consumer<Throwable> done = pending.pollFirst();
        if (done == null) {
            return false;
        }
        inFlight.decrementAndGet();
        done.accept(null);
        return true;
    }

    public boolean failNext(Throwable failure) {
        Consumer<Throwable> done = pending.pollFirst();
        if (done == null) {
            return false;
        }
        inFlight.decrementAndGet();
        done.accept(failure);
        return true;
    }

    public int pendingWrites() {
        return pending.size();
    }

    @Override
    public void close() {
        if (closeCount.incrementAndGet() == 1) {
            closed.countDown();
            PacketSink s = sink;
            if (s != null) {
                s.onClosed();
            }
        }
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String transport() {
        return "test";
    }

    // --- assertions helpers -------------------------------------------------------------------------------

    /** The next packet written (waits up to 5 s), as raw bytes. */
    public byte[] nextFrame() {
        try {
            byte[] frame = written.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (frame == null) {
                fail("no packet written within " + TIMEOUT_SECONDS + " s");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Packet nextPacket() {
        return PacketCodec.decodeFrame(nextFrame());
    }

    /** Packets written but not yet taken by {@link #nextFrame()}. */
    public int unread() {
        return written.size();
    }

    public void assertNothingMoreWritten() {
        assertThat(written).as("packets written").isEmpty();
    }

    public List<byte[]> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    public boolean isClosed() {
        return closeCount.get() > 0;
    }

    public int closeCount() {
        return closeCount.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public int writesAfterClose() {
        return writesAfterClose.get();
    }

    public void awaitClosed() {
        try {
            assertThat(closed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("connection closed").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
