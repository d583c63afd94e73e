package io.pitaya.protocol.error;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitaya.protocol.json.GoJson;
import io.pitaya.protocol.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of an error Response under the JSON serializer: {@code {"code":"PIT-404","msg":"...","metadata":{...}}}
 * (PROTOCOL.md §2). {@link #toJson()} reproduces Go's encoding/json bytes: fields in declaration order, each
 * omitted when empty, metadata keys sorted, HTML characters escaped. Under the protobuf serializer the same error
 * is a {@code protos.Error} message: {@link #toProtobuf()} / {@link #fromProtobuf(byte[])}.
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
     * Pitaya's {@code protos.Error {string code=1; string msg=2; map<string,string> metadata=3}} encoding: empty
     * fields omitted as proto3 does, metadata entries in key order (Go writes them in any order; all are valid).
     */
    public byte[] toProtobuf() {
        io.pitaya.protocol.proto.Error.Builder b = io.pitaya.protocol.proto.Error.newBuilder();
        if (code != null) {
            b.setCode(code);
        }
        if (msg != null) {
            b.setMsg(msg);
        }
        return b.putAllMetadata(metadata).build().toByteArray();
    }

    /**
     * Parses a {@code protos.Error}; absent code or msg become null, like {@link #fromJson(byte[])}.
     *
     * @throws io.pitaya.protocol.ProtocolException if the bytes are not a protobuf message of that shape
     */
    public static ErrorPayload fromProtobuf(byte[] bytes) {
        try {
            io.pitaya.protocol.proto.Error e = io.pitaya.protocol.proto.Error.parseFrom(bytes);
            return new ErrorPayload(e.getCode().isEmpty() ? null : e.getCode(), e.getMsg().isEmpty() ? null : e.getMsg(),
                    e.getMetadataMap());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new io.pitaya.protocol.ProtocolException("invalid protobuf error payload: " + e.getMessage(), e);
        }
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
