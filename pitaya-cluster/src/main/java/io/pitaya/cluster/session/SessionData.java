package io.pitaya.cluster.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.pitaya.api.PitayaException;

import java.io.IOException;
import java.util.Map;

/** Session data as it travels between servers: a JSON object ({@code protos.Session.data}). */
final class SessionData {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private SessionData() {
    }

    static ByteString encode(Map<String, Object> data) {
        try {
            return ByteString.copyFrom(JSON.writeValueAsBytes(data));
        } catch (JsonProcessingException e) {
            throw new PitayaException(PitayaException.INTERNAL,
                    "session data is not JSON-serializable: " + e.getOriginalMessage());
        }
    }

    /** Empty bytes (or JSON {@code null}) are no data. */
    static Map<String, Object> decode(ByteString json) {
        if (json.isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, Object> data = JSON.readValue(json.toByteArray(), MAP);
            return data == null ? Map.of() : data;
        } catch (IOException e) {
            throw new PitayaException(PitayaException.BAD_REQUEST, "session data is not a JSON object");
        }
    }
}
