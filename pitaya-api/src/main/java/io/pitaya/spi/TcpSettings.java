package io.pitaya.spi;

import java.time.Duration;

/**
 * How the TCP acceptor listens, as configured by the application ({@code pitaya.acceptor.tcp.*}).
 *
 * @param host             address to bind, e.g. {@code 0.0.0.0}
 * @param port             TCP port (Pitaya's usual 3250); 0 picks a free one
 * @param backlog          listen backlog
 * @param selectorThreads  I/O threads shared by all connections (never a thread per connection)
 * @param maxConnections   connections beyond this are closed at once; 0 means no limit
 * @param writeTimeout     a write the client does not drain within this closes the connection
 * @param tls              TLS settings, or null for plain TCP
 */
public record TcpSettings(String host, int port, int backlog, int selectorThreads, int maxConnections,
                          Duration writeTimeout, Tls tls) {

    public TcpSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("TCP port out of range: " + port);
        }
        if (selectorThreads < 1) {
            throw new IllegalArgumentException("at least one selector thread is needed");
        }
    }

    /**
     * TLS material: either a key store ({@code keyStore}, {@code keyStorePassword}, {@code keyStoreType}) or PEM
     * files ({@code certificateFile} with the chain, {@code privateKeyFile} with an unencrypted PKCS#8 key).
     */
    public record Tls(String keyStore, String keyStorePassword, String keyStoreType,
                      String certificateFile, String privateKeyFile) {
    }
}
