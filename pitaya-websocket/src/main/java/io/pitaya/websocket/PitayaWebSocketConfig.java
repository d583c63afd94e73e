package io.pitaya.websocket;

import io.pitaya.protocol.PacketDecoder;
import io.pitaya.spi.ConnectionAcceptor;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Set;

/**
 * Registers the Pitaya endpoint at {@code pitaya.acceptor.ws.path} (default {@code /}, where Pitaya clients
 * connect: {@code ws://HOST:PORT/}) relative to this module's context root.
 */
public class PitayaWebSocketConfig implements ServerApplicationConfig {

    static final String WS_PATH_KEY = "pitaya.acceptor.ws.path";
    static final String MAX_HANDSHAKE_KEY = "pitaya.acceptor.maxhandshakesize";

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        String path = ConfigProvider.getConfig().getOptionalValue(WS_PATH_KEY, String.class).orElse("/").trim();
        int maxHandshake = ConfigProvider.getConfig().getOptionalValue(MAX_HANDSHAKE_KEY, Integer.class)
                .orElse(PacketDecoder.DEFAULT_MAX_HANDSHAKE_LENGTH);
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(PitayaWebSocketEndpoint.class, path)
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        ConnectionAcceptor acceptor = CDI.current().select(ConnectionAcceptor.class).get();
                        return endpointClass.cast(new PitayaWebSocketEndpoint(acceptor, maxHandshake));
                    }

                    @Override
                    public boolean checkOrigin(String originHeaderValue) {
                        return true; // game clients come from anywhere, as with Pitaya's ws acceptor
                    }
                })
                .build();
        return Set.of(config);
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }
}
