package io.pitaya.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a client sent in its handshake: {@code sys} (platform, library and client versions, and whatever else the
 * client put there) and {@code user} (free-form data of the game's client). Maps are unmodifiable, keep the
 * client's key order and may hold nulls; both are empty when the client sent none.
 */
public record Handshake(Map<String, Object> sys, Map<String, Object> user) {

    public Handshake {
        sys = freeze(sys);
        user = freeze(user);
    }

    /** {@code sys.platform}, e.g. {@code "mac"}, or null. */
    public String platform() {
        return sysString("platform");
    }

    /** {@code sys.libVersion}: the client library's version, or null. */
    public String libVersion() {
        return sysString("libVersion");
    }

    /** {@code sys.clientBuildNumber}, or null. */
    public String clientBuildNumber() {
        return sysString("clientBuildNumber");
    }

    /** {@code sys.clientVersion}: the game client's version, or null. */
    public String clientVersion() {
        return sysString("clientVersion");
    }

    private String sysString(String key) {
        // the server rejects a handshake whose known sys fields are not strings
        return sys.get(key) instanceof String s ? s : null;
    }

    private static Map<String, Object> freeze(Map<String, Object> m) {
        // LinkedHashMap rather than Map.copyOf: keeps the client's key order and tolerates JSON nulls
        return m == null || m.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
