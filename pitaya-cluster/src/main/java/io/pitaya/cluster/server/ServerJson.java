package io.pitaya.cluster.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.pitaya.cluster.json.GoJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pitaya's server record, the value of an etcd registration key:
 * {@code {"id":..,"type":..,"metadata":{..},"frontend":..,"hostname":..}} in the field order of Go's struct,
 * metadata keys sorted as Go writes a map. Reading accepts {@code "metadata":null} (a Go server built with a nil
 * map), missing fields and unknown ones.
 */
public final class ServerJson {

    private ServerJson() {
    }

    public static byte[] encode(ServerDescriptor server) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = GoJson.MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", server.id());
            g.writeStringField("type", server.type());
            g.writeObjectFieldStart("metadata");
            for (Map.Entry<String, String> e : new TreeMap<>(server.metadata()).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeBooleanField("frontend", server.frontend());
            g.writeStringField("hostname", server.hostname());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * @throws IllegalArgumentException if the bytes are not a JSON object with a valid id and type
     */
    public static ServerDescriptor decode(byte[] json) {
        JsonNode node;
        try {
            node = GoJson.MAPPER.readTree(json);
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
