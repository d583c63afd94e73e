package io.pitaya.core.router;

import io.pitaya.api.cluster.ServerRouter;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The application's {@link ServerRouter}s by server type, handed to the cluster module. Two routers for one type fail
 * the start (Go Pitaya lets the last {@code AddRoute} win with a warning; with beans there is no "last").
 */
public final class ServerRouters {

    public static final ServerRouters NONE = new ServerRouters(Map.of());

    private final Map<String, ServerRouter> byType;

    private ServerRouters(Map<String, ServerRouter> byType) {
        this.byType = Map.copyOf(byType);
    }

    /** @throws IllegalStateException when two routers name one server type, or one names none */
    public static ServerRouters of(Iterable<? extends ServerRouter> routers) {
        Map<String, ServerRouter> byType = new HashMap<>();
        for (ServerRouter router : routers) {
            String type = router.serverType();
            if (type == null || type.isBlank()) {
                throw new IllegalStateException("the server router " + router.getClass().getName()
                        + " names no server type");
            }
            ServerRouter other = byType.putIfAbsent(type, router);
            if (other != null) {
                throw new IllegalStateException("two server routers for the server type " + type + ": "
                        + other.getClass().getName() + " and " + router.getClass().getName());
            }
        }
        return byType.isEmpty() ? NONE : new ServerRouters(byType);
    }

    public static ServerRouters of(ServerRouter... routers) {
        return of(java.util.List.of(routers));
    }

    /** The router of this server type; empty: choose at random. */
    public Optional<ServerRouter> forType(String serverType) {
        return Optional.ofNullable(byType.get(serverType));
    }

    public boolean isEmpty() {
        return byType.isEmpty();
    }
}
