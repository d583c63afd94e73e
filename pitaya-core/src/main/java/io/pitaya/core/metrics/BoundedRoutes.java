package io.pitaya.core.metrics;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A reporter's meters by route, at most {@code maxRoutes} of them ({@code pitaya.metrics.maxroutes}): routes beyond
 * the bound share {@link #OTHER_ROUTE}, so clients sending made-up routes cannot grow a registry without bound. A
 * route seen before costs one map lookup and no allocation.
 *
 * @param <T> the meters of one route
 */
public final class BoundedRoutes<T> {

    public static final String OTHER_ROUTE = "_other";

    private final Map<String, T> meters = new ConcurrentHashMap<>();
    private final int maxRoutes;
    private final Function<String, T> create;

    /** @param create the meters of a route (or of {@link #OTHER_ROUTE}), called once per name */
    public BoundedRoutes(int maxRoutes, Function<String, T> create) {
        this.maxRoutes = maxRoutes;
        this.create = create;
    }

    public T get(String route) {
        T found = meters.get(route);
        return found != null ? found
                : meters.computeIfAbsent(meters.size() >= maxRoutes ? OTHER_ROUTE : route, create);
    }

    public Collection<T> values() {
        return meters.values();
    }
}
