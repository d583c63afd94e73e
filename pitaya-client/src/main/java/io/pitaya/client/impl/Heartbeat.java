package io.pitaya.client.impl;

import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketCodec;

import java.util.concurrent.TimeUnit;

/**
 * Liveness once connected: a heartbeat packet every interval the server asked for, and the connection is
 * closed when nothing at all arrived for {@code interval * timeoutFactor}.
 */
final class Heartbeat {

    /** What the heartbeat needs from the connection. */
    interface Link {
        /** Sends the heartbeat packet if the client is still connected. */
        void sendIfConnected(byte[] packet);

        /** System.nanoTime() of the last packet received. */
        long lastReceivedNanos();

        void timedOut();
    }

    private Heartbeat() {
    }

    static void start(ClientThreads threads, int seconds, int timeoutFactor, Link link) {
        if (seconds <= 0) {
            return; // server disabled heartbeats
        }
        long periodMs = seconds * 1000L;
        byte[] ping = PacketCodec.encode(Packet.HEARTBEAT);
        long timeoutNanos = TimeUnit.SECONDS.toNanos((long) seconds * timeoutFactor);
        long checkMs = Math.max(50, Math.min(1000, periodMs / 4));
        threads.every(periodMs, () -> link.sendIfConnected(ping));
        threads.every(checkMs, () -> {
            if (System.nanoTime() - link.lastReceivedNanos() > timeoutNanos) {
                link.timedOut();
            }
        });
    }
}
