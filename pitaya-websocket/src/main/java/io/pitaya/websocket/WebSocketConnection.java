package io.pitaya.websocket;

import io.pitaya.spi.Connection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** A Pitaya connection over one WebSocket session: each packet is one binary message. */
final class WebSocketConnection implements Connection {

    private final Session session;
    private final String remoteAddress;

    WebSocketConnection(Session session) {
        this.session = session;
        this.remoteAddress = RemoteAddresses.of(session);
    }

    @Override
    public void write(byte[] packet, Consumer<Throwable> done) {
        try {
            session.getAsyncRemote().sendBinary(ByteBuffer.wrap(packet),
                    result -> done.accept(result.isOK() ? null : result.getException()));
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    @Override
    public void close() {
        if (session.isOpen()) {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, null));
            } catch (IOException | RuntimeException ignored) {
                // already going away; the container reports onClose either way
            }
        }
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String transport() {
        return "ws";
    }
}
