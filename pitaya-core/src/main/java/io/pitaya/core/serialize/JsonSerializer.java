package io.pitaya.core.serialize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pitaya.api.PitayaError;
import io.pitaya.api.Serializer;
import io.pitaya.protocol.error.ErrorPayload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;

/**
 * Pitaya's default serializer: JSON. Unknown fields are ignored on input, as Go's encoding/json does, so clients
 * may send more than a handler declares; data after the JSON value is rejected, as Go does.
 */
public final class JsonSerializer implements Serializer {

    public static final String NAME = "json";

    private final ObjectMapper mapper;

    public JsonSerializer() {
        this(new ObjectMapper()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // Go's json.Unmarshal rejects anything after the value ("invalid character ... after top-level value")
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .findAndRegisterModules());
    }

    public JsonSerializer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] marshal(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + value.getClass().getName() + " to JSON: " + e.getMessage(), e);
        }
    }

    /** An empty payload (a client that sent no body) gives {@code null}, as it always has here. */
    @Override
    public Object unmarshal(byte[] data, Type type) {
        if (data.length == 0) {
            return null;
        }
        JavaType javaType = mapper.getTypeFactory().constructType(type);
        try {
            return mapper.readValue(data, javaType);
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("invalid JSON for " + javaType.toCanonical() + ": " + reason, e);
        }
    }

    @Override
    public byte[] marshalError(PitayaError error) {
        return new ErrorPayload(error.code(), error.message(), error.metadata()).toJson();
    }
}
