package io.pitaya.protocol;

/**
 * Bytes received from a peer violate the Pitaya wire protocol. Callers are expected to close the
 * connection, as Go Pitaya does for every such error.
 */
public class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
