package io.pitaya.client.load;

import io.pitaya.protocol.ProtocolException;
import io.pitaya.protocol.message.Compression;
import io.pitaya.protocol.message.MessageType;
import io.pitaya.protocol.message.Varint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenario's traffic on one selector thread, closed loop: each connection has at most one request (or,
 * fanout senders, one chat line) outstanding, sends the next when the answer (own echo) arrives or it times
 * out, and under --message-rate a sender waits for its slot. Answers are parsed in place in the read buffer.
 */
final class ScenarioTraffic {

    private final LoadOptions o;
    private final LoopStats stats;
    private final FrameWriter writer;
    private final IoLoop loop;
    private final long timeoutNanos;
    /** Fanout under --message-rate: each sender's minimum gap, and the senders waiting for their slot. */
    private final long senderIntervalNanos;
    private final List<LoadConnection> deferred = new ArrayList<>();
    private boolean sendersStarted;

    ScenarioTraffic(LoadOptions o, LoopStats stats, FrameWriter writer, IoLoop loop) {
        this.o = o;
        this.stats = stats;
        this.writer = writer;
        this.loop = loop;
        this.timeoutNanos = o.timeout.toNanos();
        this.senderIntervalNanos = o.messageRate > 0 ? (long) (o.senders * 1e9 / o.messageRate) : 0;
    }

    /** The handshake is done: the request scenario sends its first request, fanout joins the room. */
    void ready(LoadConnection c, long now) throws IOException {
        switch (o.scenario) {
            case REQUEST -> sendRequest(c, now);
            case FANOUT -> {
                c.joinId = ++c.requestId;
                writer.writeMessage(c, c.templates.join, c.joinId);
            }
            case IDLE -> {
                // heartbeats only
            }
        }
    }

    boolean sendersStarted() {
        return sendersStarted;
    }

    /** Fanout, once every member has joined: each sender sends its first line. */
    void startSenders(List<LoadConnection> connections) {
        sendersStarted = true;
        for (LoadConnection c : connections) {
            if (c.sender && c.joined && c.state == LoadConnection.READY) {
                try {
                    sendChatLine(c);
                } catch (IOException | RuntimeException e) {
                    loop.lost(c, e.toString());
                }
            }
        }
    }

    boolean hasDeferred() {
        return !deferred.isEmpty();
    }

    /** From the periodic scan: the outstanding request or line got no answer in time; counted, then the next. */
    void checkTimeout(LoadConnection c, long now) throws IOException {
        if (c.awaiting && now - c.sentAt > timeoutNanos) {
            c.awaiting = false;
            LoopStats.inc(stats.timeouts);
            stats.noteError("timeout after " + o.timeout.toMillis() + " ms");
            if (o.scenario == Scenario.REQUEST) {
                sendRequest(c, now);
            } else if (o.scenario == Scenario.FANOUT) {
                nextChatLine(c, now);
            }
        }
    }

    void onData(LoadConnection c, ByteBuffer buf, int body, int end) throws IOException {
        if (end - body < 2) {
            throw new ProtocolException("invalid message");
        }
        int flag = buf.get(body) & 0xFF;
        MessageType type = MessageType.fromCode(flag >> 1 & 0x07);
        boolean error = (flag & 0x20) != 0;
        boolean compressed = (flag & 0x10) != 0;
        if (type == MessageType.RESPONSE) {
            buf.position(body + 1);
            long id = Varint.readVarint(buf);
            int payload = buf.position();
            if (payload > end) {
                throw new ProtocolException("invalid message");
            }
            onResponse(c, id, error, buf, payload, end);
        } else if (type == MessageType.PUSH) {
            int p = body + 1;
            boolean counted;
            if ((flag & 0x01) != 0) {
                if (end - p < 2) {
                    throw new ProtocolException("invalid message");
                }
                counted = (buf.getShort(p) & 0xFFFF) == c.templates.pushCode;
                p += 2;
            } else {
                int routeLength = buf.get(p++) & 0xFF;
                if (end - p < routeLength) {
                    throw new ProtocolException("invalid message");
                }
                counted = Bytes.sameBytes(buf, p, routeLength, c.templates.pushRoute);
                p += routeLength;
            }
            if (counted) {
                LoopStats.inc(stats.pushes);
                if (c.sender && c.awaiting && isOwnEcho(c, buf, p, end, compressed)) {
                    long now = System.nanoTime();
                    c.awaiting = false;
                    stats.recordLatencyNanos(now - c.sentAt);
                    LoopStats.inc(stats.completed);
                    nextChatLine(c, now);
                }
            } else {
                LoopStats.inc(stats.otherPushes);
            }
        }
        // the server sends no requests or notifies to clients
    }

    private void onResponse(LoadConnection c, long id, boolean error, ByteBuffer buf, int payload, int end)
            throws IOException {
        if (o.scenario == Scenario.FANOUT && id == c.joinId && !c.joined) {
            if (error) {
                LoopStats.inc(stats.errorResponses);
                stats.noteError("join failed: " + Bytes.text(buf, payload, end));
            } else {
                c.joined = true;
                LoopStats.inc(stats.joined);
                if (sendersStarted && c.sender) {
                    sendChatLine(c);
                }
            }
            return;
        }
        if (!c.awaiting || id != c.requestId) {
            return; // the answer to a request that already timed out
        }
        long now = System.nanoTime();
        c.awaiting = false;
        if (error) {
            LoopStats.inc(stats.errorResponses);
            if (stats.firstError == null) {
                stats.noteError("error response: " + Bytes.text(buf, payload, end));
            }
        } else {
            stats.recordLatencyNanos(now - c.sentAt); // successes only: the histogram count is the request count
            LoopStats.inc(stats.completed);
        }
        if (o.scenario == Scenario.REQUEST && loop.isRunning()) {
            sendRequest(c, now);
        }
    }

    private boolean isOwnEcho(LoadConnection c, ByteBuffer buf, int payload, int end, boolean compressed) {
        if (compressed) {
            byte[] data = Compression.inflate(Bytes.copy(buf, payload, end - payload));
            return Bytes.indexOf(ByteBuffer.wrap(data), 0, data.length, c.marker) >= 0;
        }
        return Bytes.indexOf(buf, payload, end, c.marker) >= 0;
    }

    private void sendRequest(LoadConnection c, long now) throws IOException {
        long id = ++c.requestId;
        c.sentAt = now;
        c.awaiting = true;
        writer.writeMessage(c, c.templates.request, id);
    }

    /** After an echo or a timeout: the next line now, or at the sender's next slot under --message-rate. */
    private void nextChatLine(LoadConnection c, long now) throws IOException {
        if (senderIntervalNanos > 0 && now - c.nextSendAt < 0) {
            deferred.add(c);
            return;
        }
        sendChatLine(c);
    }

    void sendDeferred() {
        long now = System.nanoTime();
        for (int i = deferred.size() - 1; i >= 0; i--) {
            LoadConnection c = deferred.get(i);
            if (c.state != LoadConnection.READY || now - c.nextSendAt >= 0) {
                deferred.set(i, deferred.get(deferred.size() - 1));
                deferred.remove(deferred.size() - 1);
                if (c.state == LoadConnection.READY) {
                    try {
                        sendChatLine(c);
                    } catch (IOException | RuntimeException e) {
                        loop.lost(c, e.toString());
                    }
                }
            }
        }
    }

    private void sendChatLine(LoadConnection c) throws IOException {
        if (c.messagePacket == null) {
            c.messagePacket = c.templates.messagePacket(o.messageRoute, c.index);
            c.marker = ("\"" + Templates.marker(c.index) + "\"").getBytes(StandardCharsets.UTF_8);
        }
        c.sentAt = System.nanoTime();
        c.nextSendAt = c.sentAt + senderIntervalNanos;
        c.awaiting = true;
        LoopStats.inc(stats.messagesSent);
        writer.writePacket(c, c.messagePacket);
    }
}
