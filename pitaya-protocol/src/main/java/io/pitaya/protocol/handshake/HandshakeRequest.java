package io.pitaya.protocol.handshake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitaya.protocol.ProtocolException;
import io.pitaya.protocol.internal.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client's handshake: {@code {"sys":{platform, libVersion, clientBuildNumber, clientVersion},"user":{...}}}
 * (PROTOCOL.md §3). {@code sys} keeps the whole object as sent (old JS clients send other keys, which Pitaya
 * ignores); the four known fields are also exposed as components. Maps are unmodifiable and may hold nulls.
 */
public record HandshakeRequest(
        String platform,
        String libVersion,
        String clientBuildNumber,
        String clientVersion,
        Map<String, Object> sys,
        Map<String, Object> user) {

    public static final String PLATFORM = "platform";
    public static final String LIB_VERSION = "libVersion";
    public static final String CLIENT_BUILD_NUMBER = "clientBuildNumber";
    public static final String CLIENT_VERSION = "clientVersion";
    private static final List<String> KNOWN_SYS_KEYS =
            List.of(PLATFORM, LIB_VERSION, CLIENT_BUILD_NUMBER, CLIENT_VERSION);

    public HandshakeRequest {
        sys = freeze(sys);
        user = freeze(user);
    }

    /** Builds a client handshake; {@code sys} is derived from the four known fields. */
    public static HandshakeRequest of(
            String platform, String libVersion, String clientBuildNumber, String clientVersion,
            Map<String, Object> user) {
        Map<String, Object> sys = new LinkedHashMap<>();
        putIfNotNull(sys, PLATFORM, platform);
        putIfNotNull(sys, LIB_VERSION, libVersion);
        putIfNotNull(sys, CLIENT_BUILD_NUMBER, clientBuildNumber);
        putIfNotNull(sys, CLIENT_VERSION, clientVersion);
        return new HandshakeRequest(platform, libVersion, clientBuildNumber, clientVersion, sys, user);
    }

    /**
     * Parses a handshake body. Like Go's decoder into typed structs, a non-object {@code sys}/{@code user}
     * or a non-string known sys field rejects the handshake; absent fields are null.
     */
    public static HandshakeRequest parse(byte[] body) {
        JsonNode root = Json.parseObject(body, "handshake");
        JsonNode sysNode = root.get("sys");
        Map<String, Object> sys = Json.toMap(sysNode, "handshake sys");
        return new HandshakeRequest(
                knownField(sysNode, PLATFORM),
                knownField(sysNode, LIB_VERSION),
                knownField(sysNode, CLIENT_BUILD_NUMBER),
                knownField(sysNode, CLIENT_VERSION),
                sys,
                Json.toMap(root.get("user"), "handshake user"));
    }

    /** Serialises for sending: known sys fields first (nulls omitted), then other sys keys, then user. */
    public byte[] toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode sysNode = root.putObject("sys");
        putIfNotNull(sysNode, PLATFORM, platform);
        putIfNotNull(sysNode, LIB_VERSION, libVersion);
        putIfNotNull(sysNode, CLIENT_BUILD_NUMBER, clientBuildNumber);
        putIfNotNull(sysNode, CLIENT_VERSION, clientVersion);
        sys.forEach((k, v) -> {
            if (!KNOWN_SYS_KEYS.contains(k) && v != null) {
                sysNode.set(k, Json.MAPPER.valueToTree(v));
            }
        });
        root.set("user", Json.MAPPER.valueToTree(user));
        return Json.write(root);
    }

    private static String knownField(JsonNode sys, String key) {
        JsonNode v = sys == null ? null : sys.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ProtocolException("invalid handshake: sys." + key + " must be a string");
        }
        return v.textValue();
    }

    private static Map<String, Object> freeze(Map<String, Object> m) {
        // LinkedHashMap rather than Map.copyOf: keeps the client's key order and tolerates JSON nulls.
        return m == null || m.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    private static void putIfNotNull(Map<String, Object> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static void putIfNotNull(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }
}
