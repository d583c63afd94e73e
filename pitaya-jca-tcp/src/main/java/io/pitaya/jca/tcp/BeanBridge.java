package io.pitaya.jca.tcp;

import io.pitaya.spi.Connection;
import io.pitaya.spi.ConnectionAcceptor;
import io.pitaya.spi.PacketSink;
import io.pitaya.spi.TcpAcceptorEndpoint;
import io.pitaya.spi.TcpSettingsSource;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

/**
 * Hands accepted connections to the core's message-driven bean. The bean's endpoint is created on the first
 * connection after the core runs, never before: the container holds calls to a bean until the application's
 * startup beans are done, and a deployment whose start fails must still be able to stop.
 */
final class BeanBridge implements ConnectionAcceptor {

    private static final long ENDPOINT_WAIT_MILLIS = 2000;

    private final MessageEndpointFactory factory;
    private final TcpSettingsSource source;
    private final int maxPacketBodyLength;
    private final int maxHandshakeBodyLength;
    private MessageEndpoint endpoint; // guarded by this
    private boolean released; // guarded by this

    BeanBridge(MessageEndpointFactory factory, TcpSettingsSource source) {
        this.factory = factory;
        this.source = source;
        this.maxPacketBodyLength = source.maxPacketBodyLength();
        this.maxHandshakeBodyLength = Math.min(maxPacketBodyLength, source.maxHandshakeBodyLength());
    }

    /**
     * Delivers one connection to the bean. Synchronized: a message endpoint must not be used by several threads at
     * once (JCA), and the selector loops accept concurrently; the call only creates the connection's agent.
     */
    @Override
    public synchronized PacketSink accept(Connection connection) {
        if (!source.coreRunning()) {
            throw new IllegalStateException("Pitaya server is not running");
        }
        return endpoint().accept(connection);
    }

    @Override
    public int maxPacketBodyLength() {
        return maxPacketBodyLength;
    }

    @Override
    public int maxHandshakeBodyLength() {
        return maxHandshakeBodyLength;
    }

    private synchronized TcpAcceptorEndpoint endpoint() {
        if (released) {
            throw new IllegalStateException("Pitaya TCP acceptor is stopping");
        }
        if (endpoint == null) {
            try {
                endpoint = factory.createEndpoint(null, ENDPOINT_WAIT_MILLIS);
            } catch (UnavailableException e) {
                throw new IllegalStateException("the core's endpoint is not available yet", e);
            }
        }
        return (TcpAcceptorEndpoint) endpoint;
    }

    synchronized void release() {
        released = true;
        if (endpoint != null) {
            endpoint.release();
            endpoint = null;
        }
    }
}
