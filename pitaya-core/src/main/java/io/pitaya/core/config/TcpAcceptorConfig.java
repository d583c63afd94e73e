package io.pitaya.core.config;

import io.pitaya.spi.TcpSettings;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the TCP acceptor's listeners from MicroProfile Config: the primary one from {@code pitaya.acceptor.tcp.*}
 * and one more for each name in {@code pitaya.acceptor.tcp.listeners}, from
 * {@code pitaya.acceptor.tcp.listener.<name>.*}, like Pitaya's {@code AddAcceptor} called several times (e.g.
 * TCP on 3251 and TLS on 3252).
 *
 * <p>An additional listener needs its own {@code port}; {@code host}, {@code backlog} and {@code maxconnections}
 * default to the primary's values. TLS is never inherited: a listener is plain TCP unless it has its own
 * {@code tls.*} keys. Selector threads and the write timeout are shared by all listeners.
 */
public final class TcpAcceptorConfig {

    public static final String PREFIX = "pitaya.acceptor.tcp.";
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
    /** Comma-separated names of the additional listeners. */
    public static final String LISTENERS = "pitaya.acceptor.tcp.listeners";
    /** Followed by {@code <name>.port}, {@code <name>.host}, ... */
    public static final String LISTENER_PREFIX = "pitaya.acceptor.tcp.listener.";
    /** Name of the primary listener in logs and messages; not available to additional listeners. */
    public static final String PRIMARY_NAME = "default";

    /** Names become part of config keys (and of environment variable names), so keep them simple. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private TcpAcceptorConfig() {
    }

    public static boolean enabled(Config config) {
        return config.getOptionalValue(ENABLED, Boolean.class).orElse(true);
    }

    /**
     * All listeners, the primary one first; empty when {@code pitaya.acceptor.tcp.enabled=false}.
     *
     * @throws IllegalArgumentException for an invalid configuration; the message names the key
     */
    public static List<TcpSettings> listeners(Config config) {
        if (!enabled(config)) {
            return List.of();
        }
        TcpSettings primary = from(config);
        List<TcpSettings> all = new ArrayList<>();
        all.add(primary);
        for (String name : listenerNames(config)) {
            all.add(listener(config, name, primary));
        }
        checkDistinctAddresses(all);
        return List.copyOf(all);
    }

    /** The primary listener ({@code pitaya.acceptor.tcp.*}). */
    public static TcpSettings from(Config config) {
        Duration writeTimeout = ConfigReader.duration(config, PitayaConfig.WRITE_TIMEOUT, Duration.ofSeconds(10));
        return new TcpSettings(
                PRIMARY_NAME,
                ConfigReader.string(config, HOST).orElse("0.0.0.0"),
                port(config, PORT).orElse(3250),
                config.getOptionalValue(BACKLOG, Integer.class).orElse(1024),
                config.getOptionalValue(SELECTORS, Integer.class).orElse(Math.max(1, Runtime.getRuntime().availableProcessors())),
                config.getOptionalValue(MAX_CONNECTIONS, Integer.class).orElse(0),
                writeTimeout,
                tls(config, PREFIX));
    }

    private static List<String> listenerNames(Config config) {
        Optional<String> list = ConfigReader.string(config, LISTENERS);
        if (list.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : list.get().split(",", -1)) {
            String name = raw.trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException(LISTENERS + " has an empty listener name: '" + list.get() + "'");
            }
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(LISTENERS + ": listener name '" + name
                        + "' may only contain letters, digits, '_' and '-'");
            }
            if (name.equalsIgnoreCase(PRIMARY_NAME)) {
                throw new IllegalArgumentException(LISTENERS + ": '" + PRIMARY_NAME + "' is the name of the primary "
                        + "listener (" + PREFIX + "*); choose another name");
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(LISTENERS + " names listener '" + name + "' twice");
            }
            names.add(name);
        }
        return names;
    }

    private static TcpSettings listener(Config config, String name, TcpSettings primary) {
        String prefix = LISTENER_PREFIX + name + ".";
        int port = port(config, prefix + "port").orElseThrow(() -> new IllegalArgumentException(
                prefix + "port is required for TCP listener '" + name + "' (named in " + LISTENERS + ")"));
        return new TcpSettings(
                name,
                ConfigReader.string(config, prefix + "host").orElse(primary.host()),
                port,
                config.getOptionalValue(prefix + "backlog", Integer.class).orElse(primary.backlog()),
                primary.selectorThreads(),
                config.getOptionalValue(prefix + "maxconnections", Integer.class).orElse(primary.maxConnections()),
                primary.writeTimeout(),
                tls(config, prefix));
    }

    private static Optional<Integer> port(Config config, String key) {
        Optional<Integer> port = config.getOptionalValue(key, Integer.class);
        port.ifPresent(p -> {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException(key + "=" + p + " is not a TCP port (0 to 65535)");
            }
        });
        return port;
    }

    /** TLS from {@code <prefix>tls.*}, or null for plain TCP. */
    private static TcpSettings.Tls tls(Config config, String prefix) {
        String keyStoreKey = prefix + "tls.keystore";
        String certKey = prefix + "tls.cert";
        String keyKey = prefix + "tls.key";
        Optional<String> keyStore = ConfigReader.string(config, keyStoreKey);
        Optional<String> cert = ConfigReader.string(config, certKey);
        Optional<String> key = ConfigReader.string(config, keyKey);
        if (keyStore.isEmpty() && cert.isEmpty() && key.isEmpty()) {
            return null;
        }
        if (keyStore.isEmpty() && (cert.isEmpty() || key.isEmpty())) {
            throw new IllegalArgumentException("TLS on the TCP acceptor needs " + keyStoreKey + ", or both "
                    + certKey + " and " + keyKey);
        }
        return new TcpSettings.Tls(keyStore.orElse(null), ConfigReader.string(config, prefix + "tls.keystorepassword").orElse(""),
                ConfigReader.string(config, prefix + "tls.keystoretype").orElse("PKCS12"), cert.orElse(null), key.orElse(null));
    }

    /** Two listeners on one address would fail to bind; say which ones, before anything is bound. */
    private static void checkDistinctAddresses(List<TcpSettings> listeners) {
        for (int i = 0; i < listeners.size(); i++) {
            for (int j = i + 1; j < listeners.size(); j++) {
                TcpSettings a = listeners.get(i);
                TcpSettings b = listeners.get(j);
                if (a.port() != 0 && a.port() == b.port() && hostsOverlap(a.host(), b.host())) {
                    throw new IllegalArgumentException("TCP listeners '" + a.name() + "' (" + a.host() + ":" + a.port()
                            + ") and '" + b.name() + "' (" + b.host() + ":" + b.port() + ") use the same address; "
                            + "give each listener its own port (" + portKey(a) + ", " + portKey(b) + ")");
                }
            }
        }
    }

    private static String portKey(TcpSettings listener) {
        return PRIMARY_NAME.equals(listener.name()) ? PORT : LISTENER_PREFIX + listener.name() + ".port";
    }

    /** Same host, or a wildcard address that covers the other one. Host names are compared, not resolved. */
    static boolean hostsOverlap(String a, String b) {
        String x = normalizeHost(a);
        String y = normalizeHost(b);
        if (x.equals(y) || isIpv6Wildcard(x) || isIpv6Wildcard(y)) {
            return true; // Java's "::" listens on IPv4 too
        }
        return (x.equals("0.0.0.0") && !y.contains(":")) || (y.equals("0.0.0.0") && !x.contains(":"));
    }

    private static String normalizeHost(String host) {
        if (host == null || host.isBlank()) {
            return "0.0.0.0"; // the acceptor binds the wildcard address then
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h;
    }

    private static boolean isIpv6Wildcard(String host) {
        return host.equals("::") || host.equals("0:0:0:0:0:0:0:0") || host.equals("::0");
    }
}
