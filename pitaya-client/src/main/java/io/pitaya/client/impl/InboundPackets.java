package io.pitaya.client.impl;

import io.pitaya.client.transport.TransportListener;
import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketDecoder;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageCodec;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * On the transport's I/O thread: reassembles packets from the byte stream, notes when anything last arrived
 * (for the heartbeat) and routes each packet by type: responses to their pending request, pushes to the push
 * listeners, the rest to the connection. Heartbeats and handshake acks only prove liveness.
 */
final class InboundPackets implements TransportListener {

    private static final System.Logger LOG = System.getLogger(DefaultPitayaClient.class.getName());

    /** What the connection does with each kind of packet. */
    interface Handler {
        boolean isClosed();

        void handshake(byte[] body);

        void kick();

        void invalid(String message, Throwable cause);

        void transportClosed(String reason, Throwable cause);
    }

    private final PacketDecoder decoder;
    private final Handler handler;
    private final PendingRequests pending;
    private final PushListeners pushListeners;
    private volatile MessageCodec codec; // null until the handshake completes
    private volatile long lastReceivedNanos;

    InboundPackets(int maxPacketSize, Handler handler, PendingRequests pending, PushListeners pushListeners) {
        this.decoder = new PacketDecoder(maxPacketSize);
        this.handler = handler;
        this.pending = pending;
        this.pushListeners = pushListeners;
    }

    /** The handshake's codec: from now on Data packets are accepted. */
    void useCodec(MessageCodec codec) {
        this.codec = codec;
    }

    long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    @Override
    public void onData(byte[] chunk) {
        List<Packet> packets;
        try {
            packets = decoder.decode(ByteBuffer.wrap(chunk));
        } catch (RuntimeException e) {
            handler.invalid("invalid packet: " + e.getMessage(), e);
            return;
        }
        for (Packet p : packets) {
            if (handler.isClosed()) {
                return;
            }
            lastReceivedNanos = System.nanoTime();
            switch (p.type()) {
                case HANDSHAKE:
                    handler.handshake(p.body());
                    break;
                case DATA:
                    onMessage(p.body());
                    break;
                case KICK:
                    handler.kick();
                    break;
                case HEARTBEAT:
                case HANDSHAKE_ACK:
                default:
                    break; // liveness only
            }
        }
    }

    private void onMessage(byte[] body) {
        MessageCodec c = codec;
        if (c == null) {
            handler.invalid("data packet received before the handshake completed", null);
            return;
        }
        Message m;
        try {
            m = c.decode(body);
        } catch (RuntimeException e) {
            handler.invalid("invalid message: " + e.getMessage(), e);
            return;
        }
        switch (m.type()) {
            case RESPONSE:
                pending.respond(m.id(), m.data(), m.error());
                break;
            case PUSH:
                pushListeners.dispatch(m.route(), m.data());
                break;
            default:
                LOG.log(System.Logger.Level.DEBUG, "ignoring {0} message from server", m.type());
        }
    }

    @Override
    public void onClosed(String reason, Throwable cause) {
        handler.transportClosed(reason, cause);
    }
}
