package io.pitaya.client.transport;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** Opens the transport matching a URI scheme: {@code ws}, {@code wss}, {@code tcp}, {@code tls}. */
public final class Transports {

    private Transports() {
    }

    /**
     * Connects asynchronously.
     *
     * @throws IllegalArgumentException for an unsupported scheme or a URI without host/port
     */
    public static CompletableFuture<Transport> open(URI uri, TransportConfig config, TransportListener listener) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "ws":
            case "wss":
                return WebSocketTransport.open(uri, config, listener);
            case "tcp":
                return TcpTransport.open(host(uri), port(uri), false, config, listener);
            case "tls":
                return TcpTransport.open(host(uri), port(uri), true, config, listener);
            default:
                throw new IllegalArgumentException(
                        "unsupported URI scheme '" + uri.getScheme() + "' (use ws, wss, tcp or tls): " + uri);
        }
    }

    private static String host(URI uri) {
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("URI has no host: " + uri);
        }
        String host = uri.getHost();
        // IPv6 literals come back bracketed
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host;
    }

    private static int port(URI uri) {
        if (uri.getPort() < 0) {
            throw new IllegalArgumentException("URI has no port: " + uri);
        }
        return uri.getPort();
    }
}
