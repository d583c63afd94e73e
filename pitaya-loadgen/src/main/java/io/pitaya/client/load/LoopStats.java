package io.pitaya.client.load;

import org.HdrHistogram.SingleWriterRecorder;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one selector thread. Each counter has a single writer (that thread), so it is bumped with
 * {@code lazySet} (an ordered store, no atomic read-modify-write); the reporter thread only reads.
 */
final class LoopStats {

    /** Latencies are recorded in microseconds, up to a minute (anything longer is clamped). */
    static final long HIGHEST_MICROS = 60_000_000L;

    final SingleWriterRecorder latency = new SingleWriterRecorder(1, HIGHEST_MICROS, 3);

    /** Successful responses (request scenario) or own echoes seen (fanout senders). */
    final AtomicLong completed = new AtomicLong();
    /** Responses carrying the error flag (0x20). */
    final AtomicLong errorResponses = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    /** Connections lost after their handshake (closed by the server, reset, kicked). */
    final AtomicLong disconnects = new AtomicLong();
    final AtomicLong kicks = new AtomicLong();
    /** Connections that never got through connect, WebSocket upgrade or the Pitaya handshake. */
    final AtomicLong connectFailures = new AtomicLong();
    /** Connections whose handshake is done and that are still open (a gauge). */
    final AtomicLong connected = new AtomicLong();
    /** Connections not opened yet or still in connect / upgrade / handshake. */
    final AtomicLong unsettled = new AtomicLong();
    /** Connections attempted so far. */
    final AtomicLong opened = new AtomicLong();
    /** Fanout: members whose join succeeded. */
    final AtomicLong joined = new AtomicLong();
    /** Fanout: notifies sent by the senders. */
    final AtomicLong messagesSent = new AtomicLong();
    /** Fanout: pushes of the counted route received by all members. */
    final AtomicLong pushes = new AtomicLong();
    /** Pushes of any other route (onMembers, onNewUser, ...). */
    final AtomicLong otherPushes = new AtomicLong();

    /** The first failure text seen (error payload, handshake answer, exception), for the summary. */
    volatile String firstError;

    static void inc(AtomicLong c) {
        c.lazySet(c.get() + 1);
    }

    static void dec(AtomicLong c) {
        c.lazySet(c.get() - 1);
    }

    void recordLatencyNanos(long nanos) {
        long micros = Math.max(1, nanos / 1_000);
        latency.recordValue(Math.min(micros, HIGHEST_MICROS));
    }

    void noteError(String text) {
        if (firstError == null) {
            firstError = text;
        }
    }
}
