package io.pitaya.protocol.message;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Immutable route &lt;-&gt; uint16 code mapping used for route compression. The server announces it in the
 * handshake response; both directions use it.
 */
public final class RouteDictionary {

    public static final int MAX_CODE = 0xFFFF;
    public static final int MAX_ROUTE_BYTES = 255;
    public static final RouteDictionary EMPTY = new RouteDictionary(new LinkedHashMap<>(), new HashMap<>());

    private final Map<String, Integer> codes;
    private final Map<Integer, String> routes;

    private RouteDictionary(LinkedHashMap<String, Integer> codes, HashMap<Integer, String> routes) {
        this.codes = Collections.unmodifiableMap(codes);
        this.routes = routes;
    }

    /** @throws IllegalArgumentException on codes outside 0..65535, duplicate codes, or empty / too long routes */
    public static RouteDictionary of(Map<String, Integer> routes) {
        Objects.requireNonNull(routes, "routes");
        if (routes.isEmpty()) {
            return EMPTY;
        }
        LinkedHashMap<String, Integer> byRoute = new LinkedHashMap<>();
        HashMap<Integer, String> byCode = new HashMap<>();
        routes.forEach((route, code) -> {
            if (route == null || route.isEmpty()) {
                throw new IllegalArgumentException("route must not be empty");
            }
            if (route.getBytes(StandardCharsets.UTF_8).length > MAX_ROUTE_BYTES) {
                throw new IllegalArgumentException("route longer than 255 UTF-8 bytes: " + route);
            }
            if (code == null || code < 0 || code > MAX_CODE) {
                throw new IllegalArgumentException("route code must be in 0..65535: " + route + "=" + code);
            }
            String previous = byCode.putIfAbsent(code, route);
            if (previous != null) {
                throw new IllegalArgumentException("duplicate route code " + code + ": " + previous + ", " + route);
            }
            byRoute.put(route, code);
        });
        return new RouteDictionary(byRoute, byCode);
    }

    public OptionalInt codeOf(String route) {
        Integer code = route == null ? null : codes.get(route);
        return code == null ? OptionalInt.empty() : OptionalInt.of(code);
    }

    public Optional<String> routeOf(int code) {
        return Optional.ofNullable(routes.get(code));
    }

    /** Unmodifiable view in the order the routes were given. */
    public Map<String, Integer> asMap() {
        return codes;
    }

    public boolean isEmpty() {
        return codes.isEmpty();
    }

    public int size() {
        return codes.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteDictionary d && codes.equals(d.codes);
    }

    @Override
    public int hashCode() {
        return codes.hashCode();
    }

    @Override
    public String toString() {
        return "RouteDictionary" + codes;
    }
}
