package io.pitaya.websocket;

import jakarta.websocket.Session;

import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The Jakarta WebSocket API does not expose the peer address. Containers do, each in its own way: this reads the
 * known ones without a compile-time dependency on any container.
 */
final class RemoteAddresses {

    private RemoteAddresses() {
    }

    static String of(Session session) {
        Object property = session.getUserProperties().get("jakarta.websocket.endpoint.remoteAddress");
        if (property instanceof SocketAddress address) {
            return format(address);
        }
        // Undertow (WildFly): UndertowSession.getWebSocketChannel().getSourceAddress()
        try {
            Method channelGetter = session.getClass().getMethod("getWebSocketChannel");
            Object channel = channelGetter.invoke(session);
            Method source = channel.getClass().getMethod("getSourceAddress");
            if (source.invoke(channel) instanceof SocketAddress address) {
                return format(address);
            }
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // not Undertow, or not accessible
        }
        return "unknown";
    }

    private static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String host = inet.getAddress().getHostAddress();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return address.toString();
    }
}
