package io.pitaya.api;

import java.util.Map;

/**
 * An error as the client receives it in an error response: Pitaya's {@code code} (e.g. {@code PIT-404}), message
 * and string metadata. {@link Serializer#marshalError} encodes it; a handler produces one by throwing a
 * {@link PitayaException}.
 */
public record PitayaError(String code, String message, Map<String, String> metadata) {

    /** Metadata becomes an unmodifiable copy; a null map is empty and a null value becomes "" (Go strings). */
    public PitayaError {
        if (metadata == null || metadata.isEmpty()) {
            metadata = Map.of();
        } else {
            Map<String, String> copy = new java.util.HashMap<>(metadata.size());
            metadata.forEach((k, v) -> copy.put(k, v == null ? "" : v));
            metadata = Map.copyOf(copy);
        }
    }

    public static PitayaError of(String code, String message) {
        return new PitayaError(code, message, Map.of());
    }
}
