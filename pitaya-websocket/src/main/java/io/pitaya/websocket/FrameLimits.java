package io.pitaya.websocket;

import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import jakarta.websocket.Session;

/**
 * The size bounds of one WebSocket session's messages: before the peer's handshake packet only a handshake-sized
 * message is buffered (by the container as well as by the frame decoder), afterwards up to
 * {@code pitaya.acceptor.maxpacketsize}. The container enforces its limit while the message arrives, so a peer
 * cannot make it buffer more than the bound in force before our code sees the message.
 * Used from the session's message handlers, which the container calls one at a time.
 */
final class FrameLimits {

    private final Session session;
    private final int maxBody;
    private volatile boolean handshakeSeen;
    private volatile int currentMaxBody;

    FrameLimits(Session session, int maxBody, int maxHandshakeBody) {
        this.session = session;
        this.maxBody = maxBody;
        apply(Math.min(maxBody, maxHandshakeBody));
    }

    int currentMaxBody() {
        return currentMaxBody;
    }

    /** After a packet was decoded: a handshake lifts the bound to the full packet size. */
    void decoded(PacketType type) {
        if (type == PacketType.HANDSHAKE && !handshakeSeen) {
            handshakeSeen = true;
            apply(maxBody);
        }
    }

    private void apply(int body) {
        currentMaxBody = body;
        session.setMaxBinaryMessageBufferSize(body + PacketCodec.HEADER_LENGTH);
        session.setMaxTextMessageBufferSize(body + PacketCodec.HEADER_LENGTH);
    }
}
