package io.pitaya.spi;

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
}
