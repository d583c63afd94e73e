package io.pitaya.client.transport;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings shared by all transports.
 *
 * @param connectTimeout           limit for establishing the connection (TCP connect, TLS handshake, WS upgrade)
 * @param sslContext               context for {@code tls://} and {@code wss://}; {@code null} = JVM default
 * @param trustAllCertificates     accept any server certificate and skip host-name verification (testing only)
 */
public record TransportConfig(Duration connectTimeout, SSLContext sslContext, boolean trustAllCertificates) {

    public TransportConfig {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /** The SSL context to use: trust-all, the configured one, or the JVM default. */
    public SSLContext effectiveSslContext() {
        if (trustAllCertificates) {
            return TrustAll.sslContext();
        }
        if (sslContext != null) {
            return sslContext;
        }
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default SSLContext", e);
        }
    }
}
