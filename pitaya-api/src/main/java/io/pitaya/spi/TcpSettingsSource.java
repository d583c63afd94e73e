package io.pitaya.spi;

import java.util.List;

/**
 * Where the TCP resource adapter gets its settings from. The message-driven bean names an implementation in its
 * activation config ({@code settingsSource}); the adapter instantiates it with the bean's class loader. Settings are
 * read this way, not by calling the bean, because the container holds calls to a bean until the application's
 * startup beans are done, and a deployment whose startup fails must still be able to stop.
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

    /**
     * Whether the core is running. The adapter hands connections to the bean only then: a call made while the
     * application is still starting would wait for it, and forever if the start fails.
     */
    boolean coreRunning();
}
