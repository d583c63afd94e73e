package io.pitaya.client;

import io.pitaya.protocol.handshake.HandshakeResponse;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records connection events as strings ("connected", "kick", "close:REASON") plus the thread that ran them. */
final class RecordingConnectionListener implements ConnectionListener {

    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    volatile String lastThread;

    @Override
    public void onConnected(HandshakeResponse handshake) {
        lastThread = Thread.currentThread().getName();
        events.add("connected");
    }

    @Override
    public void onKick() {
        lastThread = Thread.currentThread().getName();
        events.add("kick");
    }

    @Override
    public void onClose(String reason) {
        lastThread = Thread.currentThread().getName();
        events.add("close:" + reason);
    }

    String next() throws InterruptedException {
        return events.poll(ScriptedServer.TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /** Skips events until one starting with {@code prefix}; null on timeout. */
    String await(String prefix) throws InterruptedException {
        String e;
        while ((e = next()) != null) {
            if (e.startsWith(prefix)) {
                return e;
            }
        }
        return null;
    }
}
