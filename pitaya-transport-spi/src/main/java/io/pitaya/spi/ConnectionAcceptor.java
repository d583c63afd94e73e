package io.pitaya.spi;

import io.pitaya.protocol.PacketDecoder;

/**
 * The core's entry point for acceptors: every new client connection is announced here and gets the
 * {@link PacketSink} its packets go to.
 */
public interface ConnectionAcceptor {

    /**
     * @throws IllegalStateException when the server is not running (starting up or shutting down); the acceptor
     *                               should then close the connection
     */
    PacketSink accept(Connection connection);

    /** Largest packet body the core accepts; acceptors reject bigger ones while framing. */
    int maxPacketBodyLength();

    /**
     * Largest body of any packet before the peer's handshake packet (so an unauthenticated peer cannot make the
     * acceptor reserve room for a large body); never more than {@link #maxPacketBodyLength()}.
     */
    default int maxHandshakeBodyLength() {
        return Math.min(PacketDecoder.DEFAULT_MAX_HANDSHAKE_LENGTH, maxPacketBodyLength());
    }
}
