package io.pitaya.protocol.error;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitaya.protocol.internal.GoJson;
import io.pitaya.protocol.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of an error Response under the JSON serializer: {@code {"code":"PIT-404","msg":"...","metadata":{...}}}
 * (PROTOCOL.md §2). {@link #toJson()} reproduces Go's encoding/json bytes: fields in declaration order, each
 * omitted when empty, metadata keys sorted, HTML characters escaped.
 */
public record ErrorPayload(String code, String msg, Map<String, String> metadata) {

    public static final String UNKNOWN = "PIT-000";
    public static final String BAD_REQUEST = "PIT-400";
    public static final String NOT_FOUND = "PIT-404";
    public static final String REQUEST_TIMEOUT = "PIT-408";
    public static final String CLOSED_REQUEST = "PIT-498";
    public static final String CLIENT_CLOSED_REQUEST = "PIT-499";
    public static final String INTERNAL = "PIT-500";
    public static final String CLIENT_TIMEOUT = "PIT-504";

    /** Metadata is copied into a key-sorted unmodifiable map; a null value becomes "" as Go strings cannot be nil. */
    public ErrorPayload {
        TreeMap<String, String> sorted = new TreeMap<>(GoJson.KEY_ORDER);
        if (metadata != null) {
            metadata.forEach((k, v) -> sorted.put(k, v == null ? "" : v));
        }
        metadata = Collections.unmodifiableMap(sorted);
    }

    public static ErrorPayload of(String code, String msg) {
        return new ErrorPayload(code, msg, Map.of());
    }

    public byte[] toJson() {
        StringBuilder sb = new StringBuilder(32 + (msg == null ? 0 : msg.length()));
        sb.append('{');
        boolean empty = true;
        if (code != null && !code.isEmpty()) {
            GoJson.appendString(sb.append("\"code\":"), code);
            empty = false;
        }
        if (msg != null && !msg.isEmpty()) {
            GoJson.appendString(sb.append(empty ? "" : ",").append("\"msg\":"), msg);
            empty = false;
        }
        if (!metadata.isEmpty()) {
            sb.append(empty ? "" : ",").append("\"metadata\":{");
            boolean first = true;
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                GoJson.appendString(sb.append(first ? "" : ","), e.getKey()).append(':');
                GoJson.appendString(sb, e.getValue());
                first = false;
            }
            sb.append('}');
        }
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Lenient parse for clients: only invalid JSON or a non-object root fails ({@link
     * io.pitaya.protocol.ProtocolException}); non-string scalars are kept as their JSON text.
     */
    public static ErrorPayload fromJson(byte[] json) {
        JsonNode root = Json.parseObject(json, "error payload");
        Map<String, String> metadata = new TreeMap<>();
        JsonNode meta = root.path("metadata");
        if (meta.isObject()) {
            for (Map.Entry<String, JsonNode> e : meta.properties()) {
                metadata.put(e.getKey(), text(e.getValue()));
            }
        }
        return new ErrorPayload(text(root.get("code")), text(root.get("msg")), metadata);
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.textValue() : node.toString();
    }
}
