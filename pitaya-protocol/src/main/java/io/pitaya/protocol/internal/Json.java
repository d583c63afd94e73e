package io.pitaya.protocol.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitaya.protocol.ProtocolException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shared Jackson setup for the protocol documents. Internal to pitaya-protocol. */
public final class Json {

    /** Rejects trailing garbage like Go's json.Unmarshal; configured once, then only read (thread-safe). */
    public static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private Json() {
    }

    /** Parses a document whose root must be a JSON object. */
    public static JsonNode parseObject(byte[] json, String what) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new ProtocolException("invalid " + what + " JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new ProtocolException("invalid " + what + ": not a JSON object");
        }
        return root;
    }

    /** An object node as a mutable insertion-ordered map of plain Java values (null/missing → empty). */
    public static Map<String, Object> toMap(JsonNode node, String what) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new LinkedHashMap<>();
        }
        if (!node.isObject()) {
            throw new ProtocolException("invalid " + what + ": not a JSON object");
        }
        return MAPPER.convertValue(node, MAP);
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON", e);
        }
    }
}
