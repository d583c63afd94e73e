package io.pitaya.jca.tcp.nio;

import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.ProtocolException;
import io.pitaya.protocol.handshake.HandshakeResponse;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageType;
import io.pitaya.spi.Connection;
import io.pitaya.spi.PacketSink;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records what the engine reports for one connection and echoes like a minimal Pitaya server: a handshake gets a
 * real handshake response (written on the selector thread, as the core does), data is echoed from a worker thread
 * (as the core's responses are): a request gets a response with the same data, anything else comes back unchanged.
 */
final class FakeSink implements PacketSink {

    static final byte[] HANDSHAKE_RESPONSE = PacketCodec.encode(PacketType.HANDSHAKE,
            new HandshakeResponse(HandshakeResponse.CODE_OK, 30, null, "json").encodeBody(false));

    final Connection connection;
    final SerialWriter out;
    private final FakeCore core;
    final BlockingQueue<Packet> packets = new LinkedBlockingQueue<>();
    final List<ProtocolException> protocolErrors = new CopyOnWriteArrayList<>();
    final AtomicInteger closedCount = new AtomicInteger();
    final CountDownLatch closed = new CountDownLatch(1);
    final AtomicInteger packetsAfterClose = new AtomicInteger();

    FakeSink(Connection connection, FakeCore core) {
        this.connection = connection;
        this.core = core;
        this.out = new SerialWriter(connection);
    }

    @Override
    public void onPacket(Packet packet) {
        if (closedCount.get() > 0) {
            packetsAfterClose.incrementAndGet();
        }
        packets.add(packet);
        if (!core.echo) {
            return;
        }
        switch (packet.type()) {
            case HANDSHAKE -> out.send(HANDSHAKE_RESPONSE);
            case DATA -> core.worker.execute(() -> out.send(echo(packet.body())));
            default -> { }
        }
    }

    private byte[] echo(byte[] body) {
        if (core.pitayaMessages) {
            Message m = FakeCore.CODEC.decode(body);
            if (m.type() == MessageType.REQUEST) {
                return FakeCore.CODEC.encodePacket(Message.response(m.id(), m.data()));
            }
        }
        return PacketCodec.encode(PacketType.DATA, body);
    }

    @Override
    public void onProtocolError(ProtocolException error) {
        protocolErrors.add(error);
        connection.close(); // as the core does
    }

    @Override
    public void onClosed() {
        closedCount.incrementAndGet();
        closed.countDown();
    }

    Packet nextPacket() throws InterruptedException {
        Packet p = packets.poll(5, TimeUnit.SECONDS);
        if (p == null) {
            throw new AssertionError("no packet within 5 s");
        }
        return p;
    }

    boolean awaitClosed() throws InterruptedException {
        return closed.await(5, TimeUnit.SECONDS);
    }
}
