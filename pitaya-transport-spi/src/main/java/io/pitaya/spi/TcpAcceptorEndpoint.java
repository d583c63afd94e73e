package io.pitaya.spi;

/**
 * The message-listener interface of the TCP resource adapter: the core implements it with a message-driven bean,
 * and the adapter hands it every accepted connection. It lives in this library so both the adapter and the core
 * can see it. The bean's activation config names a {@link TcpSettingsSource} under {@code settingsSource}.
 */
public interface TcpAcceptorEndpoint extends ConnectionAcceptor {

    /** Activation config property naming the {@link TcpSettingsSource} class. */
    String SETTINGS_SOURCE = "settingsSource";
}
