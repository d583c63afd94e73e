package io.pitaya.client;

import java.util.Map;

/**
 * Failure reported by the client: a local condition (timeout, closed connection, connect failure)
 * or, via {@link Response#orThrow()}, an error returned by the server.
 *
 * <p>{@link #code()} uses Pitaya's error-code style ({@code "PIT-504"}, ...). The codes synthesised on
 * the client side are the constants declared here.
 */
public class PitayaClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A request (or the connect handshake) did not complete in time; same code as the Go client uses. */
    public static final String TIMEOUT = "PIT-504";
    /** The connection is closed (or was never opened); pending requests fail with this code. */
    public static final String CONNECTION_CLOSED = "PIT-499";
    /** The transport could not be established (DNS, refused, TLS, WebSocket upgrade...). */
    public static final String CONNECT_FAILED = "PIT-503";
    /** The server violated the wire protocol, or a message could not be encoded. */
    public static final String PROTOCOL_ERROR = "PIT-400";

    private final String code;
    private final Map<String, String> metadata;

    public PitayaClientException(String code, String message) {
        this(code, message, Map.of(), null);
    }

    public PitayaClientException(String code, String message, Throwable cause) {
        this(code, message, Map.of(), cause);
    }

    public PitayaClientException(String code, String message, Map<String, String> metadata, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** Pitaya-style error code, e.g. {@code "PIT-504"}. */
    public String code() {
        return code;
    }

    /** Error metadata (from a server error payload); empty for client-side errors. */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public String toString() {
        return getClass().getName() + ": [" + code + "] " + getMessage();
    }
}
