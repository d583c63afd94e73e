package io.pitaya.core.config;

import io.pitaya.spi.TcpSettings;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.Optional;

/** Reads the TCP acceptor's settings ({@code pitaya.acceptor.tcp.*}) from MicroProfile Config. */
public final class TcpAcceptorConfig {

    public static final String ENABLED = "pitaya.acceptor.tcp.enabled";
    public static final String HOST = "pitaya.acceptor.tcp.host";
    public static final String PORT = "pitaya.acceptor.tcp.port";
    public static final String BACKLOG = "pitaya.acceptor.tcp.backlog";
    public static final String SELECTORS = "pitaya.acceptor.tcp.selectors";
    public static final String MAX_CONNECTIONS = "pitaya.acceptor.tcp.maxconnections";
    public static final String TLS_KEYSTORE = "pitaya.acceptor.tcp.tls.keystore";
    public static final String TLS_KEYSTORE_PASSWORD = "pitaya.acceptor.tcp.tls.keystorepassword";
    public static final String TLS_KEYSTORE_TYPE = "pitaya.acceptor.tcp.tls.keystoretype";
    public static final String TLS_CERT = "pitaya.acceptor.tcp.tls.cert";
    public static final String TLS_KEY = "pitaya.acceptor.tcp.tls.key";

    private TcpAcceptorConfig() {
    }

    public static boolean enabled(Config config) {
        return config.getOptionalValue(ENABLED, Boolean.class).orElse(true);
    }

    public static TcpSettings from(Config config) {
        Duration writeTimeout = string(config, PitayaConfig.WRITE_TIMEOUT).map(GoDuration::parse).orElse(Duration.ofSeconds(10));
        return new TcpSettings(
                string(config, HOST).orElse("0.0.0.0"),
                config.getOptionalValue(PORT, Integer.class).orElse(3250),
                config.getOptionalValue(BACKLOG, Integer.class).orElse(1024),
                config.getOptionalValue(SELECTORS, Integer.class).orElse(Math.max(1, Runtime.getRuntime().availableProcessors())),
                config.getOptionalValue(MAX_CONNECTIONS, Integer.class).orElse(0),
                writeTimeout,
                tls(config));
    }

    private static TcpSettings.Tls tls(Config config) {
        Optional<String> keyStore = string(config, TLS_KEYSTORE);
        Optional<String> cert = string(config, TLS_CERT);
        Optional<String> key = string(config, TLS_KEY);
        if (keyStore.isEmpty() && cert.isEmpty() && key.isEmpty()) {
            return null;
        }
        if (keyStore.isEmpty() && (cert.isEmpty() || key.isEmpty())) {
            throw new IllegalArgumentException("TLS on the TCP acceptor needs " + TLS_KEYSTORE + ", or both "
                    + TLS_CERT + " and " + TLS_KEY);
        }
        return new TcpSettings.Tls(keyStore.orElse(null), string(config, TLS_KEYSTORE_PASSWORD).orElse(""),
                string(config, TLS_KEYSTORE_TYPE).orElse("PKCS12"), cert.orElse(null), key.orElse(null));
    }

    private static Optional<String> string(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }
}
