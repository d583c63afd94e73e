package io.pitaya.client.impl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;

/** Request and notify bodies: bytes as they are, strings as UTF-8, anything else as JSON. */
final class RequestBodies {

    private RequestBodies() {
    }

    static byte[] toBytes(ObjectMapper mapper, Object body) {
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof byte[]) {
            return (byte[]) body;
        }
        if (body instanceof String) {
            return ((String) body).getBytes(StandardCharsets.UTF_8);
        }
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + body.getClass().getName() + " to JSON", e);
        }
    }
}
