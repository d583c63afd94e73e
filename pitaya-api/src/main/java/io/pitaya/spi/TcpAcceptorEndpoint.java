package io.pitaya.spi;

/**
 * The message-listener interface of the TCP resource adapter: the core implements it with a message-driven bean,
 * and the adapter hands it every accepted connection. It lives in this library so both the adapter and the core
 * can see it.
 */
public interface TcpAcceptorEndpoint extends ConnectionAcceptor {

    /** Where and how to listen; read from the application's configuration at activation. */
    TcpSettings tcpSettings();
}
