package io.pitaya.client.load;

import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.ProtocolException;
import io.pitaya.protocol.handshake.HandshakeResponse;
import io.pitaya.protocol.message.RouteDictionary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Inbound Pitaya packets of one selector thread, parsed in place: the handshake answer (which makes a connection
 * ready), kicks, and Data packets, which belong to the {@link ScenarioTraffic}.
 */
final class PacketReader {

    private final LoadOptions o;
    private final LoopStats stats;
    private final FrameWriter writer;
    private final ScenarioTraffic traffic;
    private final IoLoop loop;
    /** Every connection of a run gets the same dictionary, so one set of templates serves them all. */
    private Templates lastTemplates;

    PacketReader(LoadOptions o, LoopStats stats, FrameWriter writer, ScenarioTraffic traffic, IoLoop loop) {
        this.o = o;
        this.stats = stats;
        this.writer = writer;
        this.traffic = traffic;
        this.loop = loop;
    }

    /** Handles one complete packet at the buffer's position, or returns false (nothing consumed) if incomplete. */
    boolean read(LoadConnection c, ByteBuffer buf) throws IOException {
        int p = buf.position();
        if (buf.remaining() < PacketCodec.HEADER_LENGTH) {
            return false;
        }
        int type = buf.get(p) & 0xFF;
        if (!PacketType.isValid(type)) {
            throw new ProtocolException("wrong packet type " + type);
        }
        int length = (buf.get(p + 1) & 0xFF) << 16 | (buf.get(p + 2) & 0xFF) << 8 | buf.get(p + 3) & 0xFF;
        if (buf.remaining() < PacketCodec.HEADER_LENGTH + length) {
            return false;
        }
        int body = p + PacketCodec.HEADER_LENGTH;
        int end = body + length;
        if (type == PacketType.DATA.code()) {
            traffic.onData(c, buf, body, end);
        } else if (type == PacketType.HANDSHAKE.code()) {
            onHandshake(c, Bytes.copy(buf, body, length));
        } else if (type == PacketType.KICK.code()) {
            LoopStats.inc(stats.kicks);
            loop.lost(c, "kicked by the server");
        }
        // heartbeats need no answer: our own heartbeat timer keeps the server happy
        if (c.state != LoadConnection.CLOSED) {
            buf.position(end);
        }
        return true;
    }

    private void onHandshake(LoadConnection c, byte[] body) throws IOException {
        if (c.state != LoadConnection.HANDSHAKING) {
            return; // a repeated answer; Pitaya never sends one
        }
        HandshakeResponse r;
        try {
            r = HandshakeResponse.parse(body);
        } catch (ProtocolException e) {
            loop.failConnect(c, "bad handshake answer: " + e.getMessage());
            return;
        }
        if (r.code() != HandshakeResponse.CODE_OK) {
            loop.failConnect(c, "handshake refused with code " + r.code());
            return;
        }
        writer.sendPacket(c, PacketType.HANDSHAKE_ACK, Bytes.EMPTY);
        long now = System.nanoTime();
        c.heartbeatNanos = TimeUnit.SECONDS.toNanos(Math.max(0, r.heartbeatSeconds()));
        c.nextHeartbeat = now + c.heartbeatNanos;
        c.lastReceived = now;
        c.templates = templatesFor(r.dictionary());
        loop.ready(c);
        traffic.ready(c, now);
    }

    private Templates templatesFor(RouteDictionary dictionary) {
        Templates t = lastTemplates;
        if (t == null || !t.dictionary.equals(dictionary)) {
            t = new Templates(dictionary, o);
            lastTemplates = t;
        }
        return t;
    }
}
