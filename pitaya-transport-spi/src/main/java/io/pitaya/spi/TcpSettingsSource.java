package io.pitaya.spi;

import io.pitaya.protocol.PacketDecoder;

import java.util.List;

/**
 * Where the TCP resource adapter gets its settings from, and how it sees the core's state. The message-driven bean
 * names an implementation in its activation config ({@code settingsSource}); the adapter instantiates it with the
 * bean's class loader. This is used, not calls to the bean, because the container holds calls to a bean until the
 * application's startup beans are done, a deployment whose startup fails must still be able to stop, and a container
 * may refuse calls to beans while it suspends.
 */
public interface TcpSettingsSource {

    /**
     * Every listener to open (e.g. plain TCP on one port and TLS on another), the primary one first; empty when
     * the TCP acceptor is disabled. All of them share one set of selector threads.
     *
     * @throws IllegalArgumentException when the configuration is invalid; the message names the setting
     */
    List<TcpSettings> tcpListeners();

    /** Largest packet body the core accepts, so the adapter can reject bigger ones while framing. */
    int maxPacketBodyLength();

    /** Largest packet body before the handshake ({@code pitaya.acceptor.maxhandshakesize}). */
    default int maxHandshakeBodyLength() {
        return PacketDecoder.DEFAULT_MAX_HANDSHAKE_LENGTH;
    }

    /**
     * Whether the core is running. The adapter hands connections to the bean only then: a call made while the
     * application is still starting would wait for it, and forever if the start fails.
     */
    boolean coreRunning();

    /**
     * Called by the adapter when its endpoint is deactivated (undeploy, and also when the server suspends, which
     * containers do before a shutdown), after it stopped listening and before it closes its connections. With session
     * drain enabled the core refuses new connections, waits until every session has left or the drain timeout has
     * passed, then closes the rest; this returns when that is done. Without session drain, or when the core does not
     * run, it returns at once.
     */
    default void drainSessions() {
    }

    /**
     * Called by the adapter when its endpoint becomes active (its listeners listen, or the TCP acceptor is disabled)
     * and, with false, when it is deactivated (before {@link #drainSessions()}): the server's readiness follows it, so
     * a suspended server is not ready.
     */
    default void active(boolean active) {
    }
}
