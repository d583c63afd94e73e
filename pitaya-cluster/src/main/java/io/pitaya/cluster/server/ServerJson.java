package io.pitaya.cluster.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitaya.protocol.json.GoJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pitaya's server record, the value of an etcd registration key:
 * {@code {"id":..,"type":..,"metadata":{..},"frontend":..,"hostname":..}} in the field order of Go's struct,
 * metadata keys sorted as Go writes a map. Reading accepts {@code "metadata":null} (a Go server built with a nil
 * map), missing fields and unknown ones.
 */
public final class ServerJson {

    private static final ObjectMapper READER = new ObjectMapper();

    private ServerJson() {
    }

    public static byte[] encode(ServerDescriptor server) {
        StringBuilder json = new StringBuilder(128).append("{\"id\":");
        GoJson.appendString(json, server.id()).append(",\"type\":");
        GoJson.appendString(json, server.type()).append(",\"metadata\":").append(GoJson.write(server.metadata()))
                .append(",\"frontend\":").append(server.frontend()).append(",\"hostname\":");
        GoJson.appendString(json, server.hostname()).append('}');
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @throws IllegalArgumentException if the bytes are not a JSON object with a valid id and type
     */
    public static ServerDescriptor decode(byte[] json) {
        JsonNode node;
        try {
            node = READER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("server record is not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("server record is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode meta = node.path("metadata");
        if (meta.isObject()) {
            meta.fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
        }
        return new ServerDescriptor(text(node, "id"), text(node, "type"), metadata,
                node.path("frontend").asBoolean(false), text(node, "hostname"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
