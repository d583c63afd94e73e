package io.pitaya.websocket;

import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.ProtocolException;
import io.pitaya.spi.ConnectionAcceptor;
import io.pitaya.spi.PacketSink;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WebSocket acceptor: one Pitaya packet per WebSocket message, handed to the core as it arrives. Text messages
 * are treated like binary ones (Pitaya does not check the opcode).
 */
public class PitayaWebSocketEndpoint extends Endpoint {

    private static final Logger LOG = Logger.getLogger(PitayaWebSocketEndpoint.class.getName());
    private static final String SINK = PacketSink.class.getName();

    private final ConnectionAcceptor acceptor;
    private final int maxHandshakeBody;

    public PitayaWebSocketEndpoint(ConnectionAcceptor acceptor) {
        this(acceptor, acceptor.maxHandshakeBodyLength());
    }

    /** @param maxHandshakeBody largest body of any packet before the handshake packet */
    public PitayaWebSocketEndpoint(ConnectionAcceptor acceptor, int maxHandshakeBody) {
        this.acceptor = acceptor;
        this.maxHandshakeBody = maxHandshakeBody;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        FrameLimits limits = new FrameLimits(session, acceptor.maxPacketBodyLength(), maxHandshakeBody);
        session.setMaxIdleTimeout(0); // liveness is the heartbeat's job
        PacketSink sink;
        try {
            sink = acceptor.accept(new WebSocketConnection(session));
        } catch (IllegalStateException notRunning) {
            closeQuietly(session, new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "server not running"));
            return;
        }
        session.getUserProperties().put(SINK, sink);
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) buffer -> deliver(sink, bytes(buffer), limits));
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> deliver(sink, text.getBytes(StandardCharsets.UTF_8), limits));
    }

    private static void deliver(PacketSink sink, byte[] frame, FrameLimits limits) {
        Packet packet;
        try {
            packet = PacketCodec.decodeFrame(frame, limits.currentMaxBody());
        } catch (ProtocolException e) {
            sink.onProtocolError(e);
            return;
        }
        limits.decoded(packet.type());
        sink.onPacket(packet);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        if (session.getUserProperties().get(SINK) instanceof PacketSink sink) {
            sink.onClosed();
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.log(Level.FINE, "WebSocket error", error);
        if (session.getUserProperties().get(SINK) instanceof PacketSink sink) {
            // a message over the size limit ends up here too: treat it as bad input
            sink.onProtocolError(new ProtocolException("websocket error: " + error.getMessage(), error));
        }
        closeQuietly(session, new CloseReason(CloseReason.CloseCodes.PROTOCOL_ERROR, null));
    }

    private static void closeQuietly(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | RuntimeException ignored) {
            // nothing left to do
        }
    }
}
