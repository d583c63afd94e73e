package io.pitaya.api;

import java.util.Map;

/**
 * An error sent back to the client as Pitaya's error payload: {@code {"code":..,"msg":..,"metadata":{..}}}.
 * Throw it from a handler to choose the code (e.g. {@code "RH-000"}) and metadata the client sees; any other
 * exception reaches the client as {@code PIT-000} with the exception's message.
 */
public class PitayaException extends RuntimeException {
    public static final String UNKNOWN = "PIT-000";
    public static final String BAD_REQUEST = "PIT-400";
    public static final String NOT_FOUND = "PIT-404";
    public static final String INTERNAL = "PIT-500";

    private final String code;
    private final Map<String, String> metadata;

    public PitayaException(String code, String message) {
        this(code, message, Map.of(), null);
    }

    public PitayaException(String code, String message, Map<String, String> metadata) {
        this(code, message, metadata, null);
    }

    public PitayaException(String code, String message, Map<String, String> metadata, Throwable cause) {
        super(message, cause);
        this.code = code == null || code.isEmpty() ? UNKNOWN : code;
        this.metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public String code() {
        return code;
    }

    public Map<String, String> metadata() {
        return metadata;
    }
}
