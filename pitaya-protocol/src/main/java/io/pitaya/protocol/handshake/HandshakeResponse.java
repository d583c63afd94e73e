package io.pitaya.protocol.handshake;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitaya.protocol.ProtocolException;
import io.pitaya.protocol.json.GoJson;
import io.pitaya.protocol.internal.Json;
import io.pitaya.protocol.message.Compression;
import io.pitaya.protocol.message.RouteDictionary;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's handshake answer {@code {"code":200,"sys":{"dict":{...},"heartbeat":30,"serializer":"json"}}}.
 * Written by hand rather than by Jackson because clients and tests expect Go's exact bytes (keys sorted,
 * HTML escaping). A null serializer is omitted (only produced by parsing a response that lacked it).
 */
public record HandshakeResponse(int code, int heartbeatSeconds, RouteDictionary dictionary, String serializer) {

    public static final int CODE_OK = 200;
    public static final int CODE_BAD_REQUEST = 400;

    public HandshakeResponse {
        dictionary = dictionary == null ? RouteDictionary.EMPTY : dictionary;
    }

    public byte[] toJson() {
        StringBuilder sb = new StringBuilder(64 + dictionary.size() * 32);
        sb.append("{\"code\":").append(code).append(",\"sys\":{\"dict\":{");
        boolean first = true;
        for (String route : dictionary.asMap().keySet().stream().sorted(GoJson.KEY_ORDER).toList()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            GoJson.appendString(sb, route).append(':').append(dictionary.asMap().get(route));
        }
        sb.append("},\"heartbeat\":").append(heartbeatSeconds);
        if (serializer != null) {
            GoJson.appendString(sb.append(",\"serializer\":"), serializer);
        }
        return sb.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The packet body: zlib when asked and strictly shorter (clients sniff the zlib header), else JSON. */
    public byte[] encodeBody(boolean compress) {
        byte[] json = toJson();
        if (compress) {
            byte[] deflated = Compression.deflate(json);
            if (deflated.length < json.length) {
                return deflated;
            }
        }
        return json;
    }

    /** Client side: accepts plain or compressed bodies; missing fields become 0 / empty / null. */
    public static HandshakeResponse parse(byte[] body) {
        byte[] json = Compression.looksCompressed(body) ? Compression.inflate(body) : body;
        JsonNode root = Json.parseObject(json, "handshake response");
        JsonNode sys = root.path("sys");
        String serializer = sys.path("serializer").isTextual() ? sys.get("serializer").textValue() : null;
        return new HandshakeResponse(
                intField(root.get("code"), "code"),
                intField(sys.get("heartbeat"), "heartbeat"),
                dictionary(sys.get("dict")),
                serializer);
    }

    private static int intField(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isNumber()) {
            throw new ProtocolException("invalid handshake response: " + name + " is not a number");
        }
        return node.intValue(); // 30.0 → 30; fractions truncate as libpitaya's cJSON valueint does
    }

    private static RouteDictionary dictionary(JsonNode dict) {
        if (dict == null || dict.isNull()) {
            return RouteDictionary.EMPTY;
        }
        if (!dict.isObject()) {
            throw new ProtocolException("invalid handshake response: dict is not an object");
        }
        Map<String, Integer> routes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : dict.properties()) {
            if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToInt()) {
                throw new ProtocolException("invalid handshake response: dict code for " + e.getKey());
            }
            routes.put(e.getKey(), e.getValue().intValue());
        }
        try {
            return RouteDictionary.of(routes);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("invalid handshake response: " + e.getMessage(), e);
        }
    }
}
