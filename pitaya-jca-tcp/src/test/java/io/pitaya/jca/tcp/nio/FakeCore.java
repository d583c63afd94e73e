package io.pitaya.jca.tcp.nio;

import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.message.MessageCodec;
import io.pitaya.protocol.message.RouteDictionary;
import io.pitaya.spi.Connection;
import io.pitaya.spi.ConnectionAcceptor;
import io.pitaya.spi.PacketSink;
import io.pitaya.testkit.RawTcp;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in for the Pitaya core: hands out {@link FakeSink}s, optionally refuses connections. */
final class FakeCore implements ConnectionAcceptor, AutoCloseable {

    static final MessageCodec CODEC = new MessageCodec(RouteDictionary.EMPTY, false);

    final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-core-worker");
        t.setDaemon(true);
        return t;
    });
    final List<FakeSink> sinks = new CopyOnWriteArrayList<>();
    final BlockingQueue<FakeSink> accepted = new LinkedBlockingQueue<>();
    final AtomicInteger acceptCalls = new AtomicInteger();
    volatile int maxBody = PacketCodec.MAX_BODY_LENGTH;
    volatile boolean echo = true;
    volatile boolean pitayaMessages;
    volatile boolean refuse;
    /** Written as soon as a connection is accepted (before any TLS handshake), if set. */
    volatile byte[] greeting;

    @Override
    public PacketSink accept(Connection connection) {
        acceptCalls.incrementAndGet();
        if (refuse) {
            throw new IllegalStateException("server not running");
        }
        FakeSink sink = new FakeSink(connection, this);
        sinks.add(sink);
        accepted.add(sink);
        byte[] g = greeting;
        if (g != null) {
            sink.out.send(g);
        }
        return sink;
    }

    @Override
    public int maxPacketBodyLength() {
        return maxBody;
    }

    FakeSink nextAccepted() throws InterruptedException {
        FakeSink s = accepted.poll(5, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no connection accepted within 5 s");
        }
        return s;
    }

    /** The sink of the connection whose client end is {@code client}. */
    FakeSink sinkFor(RawTcp client) {
        String remote = "127.0.0.1:" + client.socket().getLocalPort();
        return sinks.stream().filter(s -> s.connection.remoteAddress().equals(remote)).findFirst()
                .orElseThrow(() -> new AssertionError("no sink for " + remote));
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
