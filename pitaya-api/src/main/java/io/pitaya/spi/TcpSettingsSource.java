package io.pitaya.spi;

/**
 * Where the TCP resource adapter gets its settings from. The message-driven bean names an implementation in its
 * activation config ({@code settingsSource}); the adapter instantiates it with the bean's class loader. Settings are
 * read this way, not by calling the bean, because the container holds calls to a bean until the application's
 * startup beans are done, and a deployment whose startup fails must still be able to stop.
 */
public interface TcpSettingsSource {

    /** The settings, or null when the TCP acceptor is disabled. */
    TcpSettings tcpSettings();

    /** Largest packet body the core accepts, so the adapter can reject bigger ones while framing. */
    int maxPacketBodyLength();

    /**
     * Whether the core is running. The adapter hands connections to the bean only then: a call made while the
     * application is still starting would wait for it, and forever if the start fails.
     */
    boolean coreRunning();
}
