package io.pitaya.core.handler;

import io.pitaya.api.PitayaException;

import java.util.Map;

/**
 * What a handler call gives back for the client: the serialized response, or an error with Pitaya's code, message
 * and metadata (serialized by whoever answers, with its serializer). A notify's reply carries neither. The answer
 * goes out through the session's link; in cluster mode a backend sends it back to the frontend instead.
 */
public record Reply(byte[] data, Failure error) {

    /** A notify ran (or failed, and was logged): nothing goes back. */
    public static final Reply NONE = new Reply(null, null);

    /** A failed call as the client sees it; {@code cause} is for logs only. */
    public record Failure(String code, String message, Map<String, String> metadata, Throwable cause) {

        public static Failure of(PitayaException e) {
            return new Failure(e.code(), e.getMessage(), e.metadata(), e);
        }
    }

    public static Reply of(byte[] data) {
        return new Reply(data, null);
    }

    public static Reply failed(Failure error) {
        return new Reply(null, error);
    }

    public static Reply failed(PitayaException e) {
        return failed(Failure.of(e));
    }

    public boolean isError() {
        return error != null;
    }
}
