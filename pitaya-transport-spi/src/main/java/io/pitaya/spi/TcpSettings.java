package io.pitaya.spi;

import java.time.Duration;

/**
 * One listener of the TCP acceptor, as configured by the application: the primary one from
 * {@code pitaya.acceptor.tcp.*}, more from {@code pitaya.acceptor.tcp.listener.<name>.*}.
 *
 * <p>{@code selectorThreads} and {@code writeTimeout} belong to the whole acceptor: all listeners of one
 * activation share the selector threads, so they must carry the same values.
 *
 * @param name             the listener's name, for logs and error messages ({@code default} for the primary one)
 * @param host             address to bind, e.g. {@code 0.0.0.0}
 * @param port             TCP port (Pitaya's usual 3250); 0 picks a free one
 * @param backlog          listen backlog
 * @param selectorThreads  I/O threads shared by all connections of all listeners (never a thread per connection)
 * @param maxConnections   connections to this listener beyond this are closed at once; 0 means no limit
 * @param writeTimeout     a write the client does not drain within this closes the connection
 * @param tls              TLS settings, or null for plain TCP
 */
public record TcpSettings(String name, String host, int port, int backlog, int selectorThreads, int maxConnections,
                          Duration writeTimeout, Tls tls) {

    public TcpSettings {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a TCP listener needs a name");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("TCP port out of range: " + port);
        }
        if (selectorThreads < 1) {
            throw new IllegalArgumentException("at least one selector thread is needed");
        }
    }

    /**
     * TLS material: either a key store ({@code keyStore}, {@code keyStorePassword}, {@code keyStoreType}) or PEM
     * files ({@code certificateFile} with the chain, {@code privateKeyFile} with an unencrypted RSA or EC key as
     * PKCS#8, PKCS#1 or SEC1, like Go's {@code tls.LoadX509KeyPair}).
     */
    public record Tls(String keyStore, String keyStorePassword, String keyStoreType,
                      String certificateFile, String privateKeyFile) {
    }
}
